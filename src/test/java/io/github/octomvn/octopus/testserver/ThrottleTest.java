package io.github.octomvn.octopus.testserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The token bucket on a fake clock (no wall time: its sleeps advance the clock), and a throttled server that
 * still answers correctly and is never faster than its link.
 */
class ThrottleTest {

    /** A clock that only moves when the throttle sleeps, or when the test says so. */
    private static final class FakeClock {
        long now = 123_456_789L;
        final List<Long> sleeps = new ArrayList<>();

        Throttle throttle(long bytesPerSecond) {
            return new Throttle(bytesPerSecond, () -> now, nanos -> {
                sleeps.add(nanos);
                now += nanos;
            });
        }

        long slept() {
            return sleeps.stream().mapToLong(Long::longValue).sum();
        }
    }

    @Test
    void aFullBucketLetsOneBurstThroughWithoutWaiting() throws Exception {
        FakeClock clock = new FakeClock();
        Throttle throttle = clock.throttle(1_000_000); // burst: 20 ms = 20,000 bytes

        throttle.take(20_000);

        assertThat(throttle.burstBytes()).isEqualTo(20_000);
        assertThat(clock.sleeps).isEmpty();
    }

    @Test
    void beyondTheBurstEveryByteWaitsForItsShareOfTheSecond() throws Exception {
        FakeClock clock = new FakeClock();
        Throttle throttle = clock.throttle(1_000_000);

        throttle.take(20_000); // the burst
        throttle.take(500_000); // half a second's worth
        throttle.take(1_000); // queued behind it: one more millisecond

        assertThat(clock.sleeps).containsExactly(500_000_000L, 1_000_000L);
    }

    @Test
    void anIdleLinkRefillsOnlyUpToTheBurst() throws Exception {
        FakeClock clock = new FakeClock();
        Throttle throttle = clock.throttle(1_000_000);
        throttle.take(20_000);

        clock.now += 10_000_000_000L; // ten idle seconds
        throttle.take(20_000);
        assertThat(clock.sleeps).isEmpty();
        throttle.take(10_000);

        assertThat(clock.sleeps).containsExactly(10_000_000L);
    }

    @Test
    void partialRefillIsCounted() throws Exception {
        FakeClock clock = new FakeClock();
        Throttle throttle = clock.throttle(1_000_000);
        throttle.take(20_000);

        clock.now += 5_000_000L; // 5 ms: 5,000 bytes of tokens
        throttle.take(8_000);

        assertThat(clock.sleeps).containsExactly(3_000_000L);
    }

    @Test
    void streamsCarryEveryByteAtTheRate() throws Exception {
        FakeClock clock = new FakeClock();
        Throttle throttle = clock.throttle(100_000); // burst 16 KiB (the floor)
        byte[] data = new byte[1_000_000];
        new java.util.Random(7).nextBytes(data);

        InputStream in = throttle.throttle(new ByteArrayInputStream(data));
        ByteArrayOutputStream copy = new ByteArrayOutputStream();
        byte[] buffer = new byte[256 * 1024];
        for (int n; (n = in.read(buffer)) >= 0; ) {
            assertThat(n).isLessThanOrEqualTo(16 * 1024);
            copy.write(buffer, 0, n);
        }

        assertThat(copy.toByteArray()).isEqualTo(data);
        // 1,000,000 bytes at 100,000 a second, less the first burst that was already in the bucket
        assertThat(clock.slept()).isEqualTo((1_000_000L - 16 * 1024) * 10_000L);
        assertThat(clock.sleeps).allMatch(nanos -> nanos <= 16 * 1024 * 10_000L);
    }

    @Test
    void writesAreCutIntoBurstsAndKeepTheRate() throws Exception {
        FakeClock clock = new FakeClock();
        Throttle throttle = clock.throttle(100_000);
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        OutputStream out = throttle.throttle(sink);
        byte[] data = new byte[300_000];
        Arrays.fill(data, (byte) 'x');

        out.write(data);
        out.write('y');

        assertThat(sink.size()).isEqualTo(300_001);
        assertThat(clock.slept()).isEqualTo((300_001L - 16 * 1024) * 10_000L);
        assertThat(clock.sleeps).allMatch(nanos -> nanos <= 16 * 1024 * 10_000L);
    }

    @Test
    void refusesARateThatIsNotPositive() {
        assertThatThrownBy(() -> Throttle.of(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> OctopusTestServer.builder().throttle(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theCommandLineTakesMegabitsASecond() {
        assertThat(CommandLine.bytesPerSecond("100")).isEqualTo(12_500_000L);
        assertThat(CommandLine.bytesPerSecond("0.5")).isEqualTo(62_500L);
        assertThatThrownBy(() -> CommandLine.bytesPerSecond("0")).isInstanceOf(IllegalArgumentException.class);
    }

    /**
     * Wall time, but only as a lower bound, which load cannot break: 400 KB at 1 MB/s cannot arrive in less
     * than the 0.38 s the link needs beyond its first 20 ms burst.
     */
    @Test
    void aThrottledServerStoresTheUploadAndIsNeverFasterThanItsLink() throws Exception {
        try (OctopusTestServer server =
                OctopusTestServer.builder().throttle(1_000_000).start()) {
            String boundary = "b0undary";
            byte[] content = new byte[400_000];
            Arrays.fill(content, (byte) 'z');
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; "
                            + "filename=\"Throttled.1.0.0.zip\"\r\nContent-Type: application/octet-stream\r\n\r\n")
                    .getBytes(StandardCharsets.UTF_8));
            body.write(content);
            body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));

            long start = System.nanoTime();
            HttpResponse<String> response = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create(server.url() + "/api/Spaces-1/packages/raw"))
                                    .header("X-Octopus-ApiKey", server.apiKey())
                                    .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                                    .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            long elapsedMillis = (System.nanoTime() - start) / 1_000_000;

            assertThat(response.statusCode()).isEqualTo(201);
            assertThat(elapsedMillis).isGreaterThanOrEqualTo(380);
        }
    }
}
