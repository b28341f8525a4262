package io.github.octomvn.octopus.feed;

import java.util.List;

/** An upload listener that writes warnings down. */
final class RecordingListener implements UploadListener {
    private final List<String> warnings;

    private RecordingListener(List<String> warnings) {
        this.warnings = warnings;
    }

    static UploadListener into(List<String> warnings) {
        return new RecordingListener(warnings);
    }

    @Override
    public void warn(String message) {
        warnings.add(message);
    }
}
