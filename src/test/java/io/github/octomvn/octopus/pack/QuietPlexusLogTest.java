package io.github.octomvn.octopus.pack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;

class QuietPlexusLogTest {
    @Test
    void dropsInfoSuchAsTheBuildingLineThatNamesTheTemporaryFile() {
        List<String> calls = new ArrayList<>();
        Logger recording = (Logger) Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[] {Logger.class}, (proxy, method, args) -> {
                    calls.add(method.getName() + " " + (args == null ? "" : args[0]));
                    return method.getReturnType() == boolean.class ? Boolean.TRUE : null;
                });
        Logger quiet = QuietPlexusLog.quiet(recording);

        quiet.info("Building zip: /x/.my-app.1.0.0.zip.tmp-3kx9a");
        quiet.warn("something odd");
        quiet.error("something wrong");

        assertThat(quiet.isInfoEnabled()).isFalse();
        assertThat(calls).containsExactly("warn something odd", "error something wrong");
    }

    @Test
    void ourArchiversUseIt() throws Exception {
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            StoringZipArchiver.ArchiveOutput output = OutputStream::nullOutputStream;
            assertThat(new StoringZipArchiver(Map.of(), pool, 2, 8, output)
                            .getLogger()
                            .isInfoEnabled())
                    .isFalse();
            assertThat(new ParallelTarGzArchiver(pool, 2, output).getLogger().isInfoEnabled())
                    .isFalse();
        } finally {
            pool.shutdownNow();
        }
    }
}
