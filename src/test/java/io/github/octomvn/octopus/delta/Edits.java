package io.github.octomvn.octopus.delta;

import java.io.ByteArrayOutputStream;
import java.util.Random;

/** Random edits of a base file, as a new package version would make them: inserts, deletes, moves, rewrites. */
final class Edits {

    private Edits() {}

    static byte[] randomlyEdited(Random random, byte[] base, int edits) {
        byte[] data = base.clone();
        for (int i = 0; i < edits; i++) {
            switch (random.nextInt(5)) {
                case 0:
                    data = insert(random, data);
                    break;
                case 1:
                    data = delete(random, data);
                    break;
                case 2:
                    data = move(random, data);
                    break;
                case 3:
                    data = overwrite(random, data);
                    break;
                default:
                    data = Bytes.concat(data, Bytes.random(random, random.nextInt(5000)));
                    break;
            }
        }
        return data;
    }

    static byte[] insert(Random random, byte[] data) {
        int at = random.nextInt(data.length + 1);
        return Bytes.concat(
                Bytes.slice(data, 0, at),
                Bytes.random(random, 1 + random.nextInt(3000)),
                Bytes.slice(data, at, data.length));
    }

    static byte[] delete(Random random, byte[] data) {
        if (data.length == 0) {
            return data;
        }
        int from = random.nextInt(data.length);
        int to = Math.min(data.length, from + 1 + random.nextInt(3000));
        return Bytes.concat(Bytes.slice(data, 0, from), Bytes.slice(data, to, data.length));
    }

    /** Cuts a block out and puts it back elsewhere, as a reordered zip entry would move. */
    static byte[] move(Random random, byte[] data) {
        if (data.length < 2) {
            return data;
        }
        int from = random.nextInt(data.length);
        int to = Math.min(data.length, from + 1 + random.nextInt(20_000));
        byte[] block = Bytes.slice(data, from, to);
        byte[] rest = Bytes.concat(Bytes.slice(data, 0, from), Bytes.slice(data, to, data.length));
        int at = random.nextInt(rest.length + 1);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(rest, 0, at);
        out.write(block, 0, block.length);
        out.write(rest, at, rest.length - at);
        return out.toByteArray();
    }

    static byte[] overwrite(Random random, byte[] data) {
        if (data.length == 0) {
            return data;
        }
        byte[] out = data.clone();
        int from = random.nextInt(data.length);
        int to = Math.min(data.length, from + 1 + random.nextInt(500));
        for (int i = from; i < to; i++) {
            out[i] = (byte) random.nextInt(256);
        }
        return out;
    }
}
