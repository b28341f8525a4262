package io.github.octomvn.octopus.pack;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/** Generated test inputs (never committed) and the command-line tools that check archives. */
final class TestData {
    private TestData() {}

    static byte[] random(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    /** Words with Zipf-like frequencies, which deflate shrinks about 3 times, as it does source and markup. */
    static byte[] text(int size, long seed) {
        Random random = new Random(seed);
        String[] words = new String[800];
        for (int i = 0; i < words.length; i++) {
            StringBuilder word = new StringBuilder();
            for (int j = 3 + random.nextInt(8); j > 0; j--) {
                word.append((char) ('a' + random.nextInt(26)));
            }
            words[i] = word.toString();
        }
        StringBuilder text = new StringBuilder(size + 16);
        while (text.length() < size) {
            // Zipf-like: small indices far more often
            int index = (int) Math.floor(Math.pow(words.length, random.nextDouble())) - 1;
            text.append(words[index]).append(random.nextInt(12) == 0 ? ";\n" : " ");
        }
        return text.substring(0, size).getBytes(StandardCharsets.US_ASCII);
    }

    /** Runs of text and random bytes, of varying lengths, so that blocks of both kinds and mixed ones occur. */
    static byte[] mixed(int size, long seed) {
        Random random = new Random(seed);
        byte[] bytes = new byte[size];
        int at = 0;
        while (at < size) {
            int run = Math.min(size - at, 1 + random.nextInt(300_000));
            byte[] part = random.nextBoolean() ? text(run, random.nextLong()) : random(run, random.nextLong());
            System.arraycopy(part, 0, bytes, at, run);
            at += run;
        }
        return bytes;
    }

    static boolean hasCommand(String command) {
        try {
            Process p = new ProcessBuilder("sh", "-c", "command -v " + command)
                    .redirectErrorStream(true)
                    .start();
            p.getInputStream().readAllBytes();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Exit code of the command run in {@code directory}; its output is dropped. */
    static int run(Path directory, String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command)
                .directory(directory.toFile())
                .redirectErrorStream(true)
                .start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + " did not end");
        }
        if (p.exitValue() != 0) {
            System.err.println(String.join(" ", command) + ": " + output);
        }
        return p.exitValue();
    }
}
