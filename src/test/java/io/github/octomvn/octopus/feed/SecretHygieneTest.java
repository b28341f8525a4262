package io.github.octomvn.octopus.feed;

import static io.github.octomvn.octopus.client.ServerFixture.file;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.octomvn.octopus.client.Credential;
import io.github.octomvn.octopus.client.OctopusClient;
import io.github.octomvn.octopus.client.OctopusException;
import io.github.octomvn.octopus.client.OverwriteMode;
import io.github.octomvn.octopus.client.RecordingSleeper;
import io.github.octomvn.octopus.client.ServerSettings;
import io.github.octomvn.octopus.client.Space;
import io.github.octomvn.octopus.client.TestClock;
import io.github.octomvn.octopus.testserver.OctopusTestServer;
import io.github.octomvn.octopus.testserver.Permission;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The API key never appears in a URL, a message, a warning or a toString. */
class SecretHygieneTest {

    private static final String KEY = "API-S3CRETKEY0123456789";

    @TempDir
    Path dir;

    @Test
    void theApiKeyNeverLeaksWhateverHappens() throws Exception {
        List<String> texts = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        UploadListener listener = UploadListener.none();
        try (OctopusTestServer server = OctopusTestServer.builder()
                .apiKey(KEY)
                .addApiKey("API-S3CRETPUSHER", Permission.BuiltInFeedPush, Permission.FeedView)
                .start()) {
            ServerSettings settings = ServerSettings.builder(server.url().toString(), Credential.apiKey(KEY))
                    .uploadTimeout(Duration.ofSeconds(1))
                    .build();
            OctopusClient client =
                    OctopusClient.connect(settings, new RecordingSleeper(), new TestClock(), warnings::add);
            Space space = client.resolveSpace(Optional.empty());
            texts.add(settings.toString());
            texts.add(settings.credential().toString());
            texts.add(client.toString());
            texts.add(space.toString());

            // Success, identical re-run, conflict, server error, gateway error, dropped and hung uploads.
            Path file = file(dir, "app.1.0.0.zip", "one");
            texts.add(BuiltInFeed.of(client)
                    .upload(space, file, OverwriteMode.FailIfExists, listener)
                    .toString());
            texts.add(BuiltInFeed.of(client)
                    .upload(space, file, OverwriteMode.FailIfExists, listener)
                    .toString());
            texts.add(failure(() -> BuiltInFeed.of(client)
                    .upload(
                            space,
                            file(java.nio.file.Files.createDirectory(dir.resolve("b")), "app.1.0.0.zip", "two"),
                            OverwriteMode.FailIfExists,
                            listener)));
            server.failNext(1, 500, "packages/raw");
            texts.add(failure(() -> BuiltInFeed.of(client)
                    .upload(space, file(dir, "app.2.0.0.zip", "x"), OverwriteMode.FailIfExists, listener)));
            server.failNext(1, 502, "packages/raw");
            server.dropNextUploadAfter(1);
            BuiltInFeed.of(client).upload(space, file(dir, "app.3.0.0.zip", "x"), OverwriteMode.FailIfExists, listener);
            server.hangAfterStoringNextUpload();
            BuiltInFeed.of(client).upload(space, file(dir, "app.4.0.0.zip", "x"), OverwriteMode.FailIfExists, listener);
            // A server that echoes the key back in an error body.
            server.respondNext(
                    1,
                    400,
                    "packages/raw",
                    "application/json",
                    "{\"ErrorMessage\":\"Key " + KEY + " is odd\",\"Errors\":[\"" + KEY + "\"]}");
            texts.add(failure(() -> BuiltInFeed.of(client)
                    .upload(space, file(dir, "app.5.0.0.zip", "x"), OverwriteMode.FailIfExists, listener)));
            texts.add(failure(() -> OctopusClient.connect(
                    ServerSettings.builder(server.url().toString(), Credential.apiKey("API-WRONGKEY99"))
                            .build(),
                    new RecordingSleeper(),
                    new TestClock(),
                    warnings::add)));
            OctopusClient pusher = OctopusClient.connect(
                    ServerSettings.builder(server.url().toString(), Credential.apiKey("API-S3CRETPUSHER"))
                            .build(),
                    new RecordingSleeper(),
                    new TestClock(),
                    warnings::add);
            texts.add(failure(() -> BuiltInFeed.of(pusher)
                    .upload(space, file(dir, "app.6.0.0.zip", "x"), OverwriteMode.OverwriteExisting, listener)));

            assertThat(server.anyUrlContains("S3CRET")).isFalse();
            assertThat(server.anyUrlContains("WRONGKEY")).isFalse();
            assertThat(server.requests())
                    .allSatisfy(r -> assertThat(r.query().toLowerCase()).doesNotContain("apikey"));
        }
        texts.addAll(warnings);
        assertThat(warnings).isNotEmpty();
        assertThat(texts)
                .hasSizeGreaterThan(10)
                .allSatisfy(text -> assertThat(text).doesNotContain("S3CRET").doesNotContain("WRONGKEY99"));
        assertThat(texts).anyMatch(text -> text.contains("Key API-**** is odd"));
    }

    private interface Failing {
        Object run() throws Exception;
    }

    private static String failure(Failing action) {
        try {
            action.run();
        } catch (OctopusException e) {
            StringBuilder all = new StringBuilder(e.getMessage());
            for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
                all.append(" | ").append(cause);
            }
            return all.toString();
        } catch (Exception e) {
            throw new AssertionError("expected an OctopusException", e);
        }
        throw new AssertionError("expected a failure");
    }
}
