package io.github.octomvn.octopus.pack;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import org.slf4j.Logger;

/**
 * The logger our Plexus archivers use: their INFO line "Building zip: …/.X.zip.tmp-…" names the hidden temporary file,
 * not the package, so INFO is dropped (the goal logs the final name itself); warnings and errors still pass.
 */
final class QuietPlexusLog {
    private QuietPlexusLog() {}

    static Logger quiet(Logger delegate) {
        return (Logger) Proxy.newProxyInstance(
                QuietPlexusLog.class.getClassLoader(), new Class<?>[] {Logger.class}, (proxy, method, args) -> {
                    String name = method.getName();
                    if (name.equals("info")) {
                        return null;
                    }
                    if (name.equals("isInfoEnabled")) {
                        return Boolean.FALSE;
                    }
                    try {
                        return method.invoke(delegate, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}
