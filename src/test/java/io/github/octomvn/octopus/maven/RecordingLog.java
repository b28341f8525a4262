package io.github.octomvn.octopus.maven;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.maven.plugin.logging.Log;

/** A Mojo {@link Log} that keeps every line, as {@code [LEVEL] message}, so tests can read the build log. */
final class RecordingLog implements Log {
    private final List<String> lines = Collections.synchronizedList(new ArrayList<>());

    List<String> lines() {
        synchronized (lines) {
            return new ArrayList<>(lines);
        }
    }

    private void record(String level, CharSequence content, Throwable error) {
        String text = content == null ? "" : content.toString();
        if (error != null) {
            text = text.isEmpty() ? error.toString() : text + " (" + error + ")";
        }
        lines.add("[" + level + "] " + text);
    }

    @Override
    public boolean isDebugEnabled() {
        return true;
    }

    @Override
    public void debug(CharSequence content) {
        record("DEBUG", content, null);
    }

    @Override
    public void debug(CharSequence content, Throwable error) {
        record("DEBUG", content, error);
    }

    @Override
    public void debug(Throwable error) {
        record("DEBUG", null, error);
    }

    @Override
    public boolean isInfoEnabled() {
        return true;
    }

    @Override
    public void info(CharSequence content) {
        record("INFO", content, null);
    }

    @Override
    public void info(CharSequence content, Throwable error) {
        record("INFO", content, error);
    }

    @Override
    public void info(Throwable error) {
        record("INFO", null, error);
    }

    @Override
    public boolean isWarnEnabled() {
        return true;
    }

    @Override
    public void warn(CharSequence content) {
        record("WARNING", content, null);
    }

    @Override
    public void warn(CharSequence content, Throwable error) {
        record("WARNING", content, error);
    }

    @Override
    public void warn(Throwable error) {
        record("WARNING", null, error);
    }

    @Override
    public boolean isErrorEnabled() {
        return true;
    }

    @Override
    public void error(CharSequence content) {
        record("ERROR", content, null);
    }

    @Override
    public void error(CharSequence content, Throwable error) {
        record("ERROR", content, error);
    }

    @Override
    public void error(Throwable error) {
        record("ERROR", null, error);
    }
}
