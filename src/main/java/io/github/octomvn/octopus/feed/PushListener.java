package io.github.octomvn.octopus.feed;

/** Hears what a push does: one line per step for the build log, and warnings that do not stop it. */
public interface PushListener {
    void info(String message);

    void warn(String message);
}
