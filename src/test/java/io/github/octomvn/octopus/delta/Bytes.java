package io.github.octomvn.octopus.delta;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;

/** Test data and byte helpers shared by the delta tests; all data is generated, nothing large is committed. */
final class Bytes {

    /**
     * go-octodiff's test blob (`pkg/test/helpers.go`): a 520-byte self-signed certificate, chosen there because its
     * bytes ≥ 0x80 catch signed/unsigned mistakes. Its SHA-1 is 330bd069…3c0d.
     */
    private static final byte[] GODF_BLOB = Base64.getDecoder()
            .decode(
                    "MIICBDCCAaugAwIBAgIUGNg/B3GL5BId8KGNdhD6+NejvsQwCgYIKoZIzj0EAwIwWDELMAkGA1UEBhMCQVUxEzARBgNVBAgMClNvbWUtU3Rh"
                            + "dGUxFzAVBgNVBAoMDk9jdG9wdXMgRGVwbG95MQwwCgYDVQQLDANSJkQxDTALBgNVBAMMBFRFU1QwHhcNMjMwMzIwMDk0ODQyWhcNMjQw"
                            + "MzE5MDk0ODQyWjBYMQswCQYDVQQGEwJBVTETMBEGA1UECAwKU29tZS1TdGF0ZTEXMBUGA1UECgwOT2N0b3B1cyBEZXBsb3kxDDAKBgNV"
                            + "BAsMA1ImRDENMAsGA1UEAwwEVEVTVDBZMBMGByqGSM49AgEGCCqGSM49AwEHA0IABFBLdySNg+Lj4gm7sil6Dk0k/0Xnnv+I3RZeZBmu"
                            + "mFEtq9IhnaRuk9f/mNWhy4AxSlfzfQkx7PfzvUvOISz9LLqjUzBRMB0GA1UdDgQWBBS63SeKMeASd2r7/aTq2P3OkE8O/DAfBgNVHSME"
                            + "GDAWgBS63SeKMeASd2r7/aTq2P3OkE8O/DAPBgNVHRMBAf8EBTADAQH/MAoGCCqGSM49BAMCA0cAMEQCIFmc75IBFbZKfQvH3lWoS7p/"
                            + "Be54uekDr3y1K0pdzI6iAiAGV1RF2rnCEyWkjeO9fOUaNGEgFadGSHh8en4DJkU3cA==");

    private Bytes() {}

    static byte[] godfBlob() {
        return GODF_BLOB.clone();
    }

    /** go-octodiff's GenerateTestData: the blob repeated (and cut) to {@code length} bytes. */
    static byte[] godfData(int length) {
        byte[] data = new byte[length];
        for (int i = 0; i < length; i += GODF_BLOB.length) {
            System.arraycopy(GODF_BLOB, 0, data, i, Math.min(GODF_BLOB.length, length - i));
        }
        return data;
    }

    static byte[] random(Random random, int length) {
        byte[] data = new byte[length];
        random.nextBytes(data);
        return data;
    }

    static byte[] hex(String hex) {
        String clean = hex.replace(" ", "");
        byte[] bytes = new byte[clean.length() / 2];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) Integer.parseInt(clean.substring(2 * i, 2 * i + 2), 16);
        }
        return bytes;
    }

    static String hex(byte[] bytes) {
        return Octodiff.hex(bytes);
    }

    static String sha1(byte[] bytes) throws Exception {
        return hex(MessageDigest.getInstance("SHA-1").digest(bytes));
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.write(part, 0, part.length);
        }
        return out.toByteArray();
    }

    static byte[] slice(byte[] data, int from, int to) {
        byte[] out = new byte[to - from];
        System.arraycopy(data, from, out, 0, out.length);
        return out;
    }

    static Path write(Path dir, String name, byte[] data) throws IOException {
        return Files.write(dir.resolve(name), data);
    }

    /** The commands of a delta, decoded independently of the applier, for asserting a delta's shape. */
    static List<String> commands(byte[] delta) {
        ByteBuffer in = ByteBuffer.wrap(delta).order(ByteOrder.LITTLE_ENDIAN);
        in.position(9 + 1 + 5 + 4 + 20 + 3);
        List<String> commands = new ArrayList<>();
        while (in.hasRemaining()) {
            int command = in.get() & 0xFF;
            if (command == 0x60) {
                commands.add("COPY " + in.getLong() + "+" + in.getLong());
            } else if (command == 0x80) {
                long length = in.getLong();
                commands.add("DATA " + length);
                in.position(in.position() + (int) length);
            } else {
                throw new AssertionError("unknown command " + command);
            }
        }
        return commands;
    }

    /** The SHA-1 a delta's header carries. */
    static String headerHash(byte[] delta) {
        return hex(slice(delta, 9 + 1 + 5 + 4, 9 + 1 + 5 + 4 + 20));
    }
}
