package io.github.octomvn.octopus.buildinfo;

import static io.github.octomvn.octopus.buildinfo.BuildInformationPushTest.PARENT;
import static io.github.octomvn.octopus.buildinfo.BuildInformationPushTest.asMap;
import static io.github.octomvn.octopus.buildinfo.BuildInformationPushTest.headBuild;
import static io.github.octomvn.octopus.buildinfo.BuildInformationPushTest.info;
import static io.github.octomvn.octopus.buildinfo.BuildInformationPushTest.request;
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
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Case 50 for build information: the API key is in no URL, message, warning or toString. */
class BuildInformationSecretHygieneTest {

    private static final String KEY = "API-S3CRETKEY0123456789";
    private static final String PUSHER = "API-S3CRETPUSHER";

    @Test
    void theApiKeyNeverLeaksFromBuildInformationCalls() throws Exception {
        List<String> texts = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        try (OctopusTestServer server = OctopusTestServer.builder()
                .apiKey(KEY)
                .addApiKey(PUSHER, Permission.BuildInformationPush)
                .start()) {
            ServerSettings settings = ServerSettings.builder(server.url().toString(), Credential.apiKey(KEY))
                    .requestTimeout(Duration.ofMillis(700))
                    .build();
            OctopusClient client =
                    OctopusClient.connect(settings, new RecordingSleeper(), new TestClock(), warnings::add);
            Space space = client.resolveSpace(Optional.empty());

            texts.add(BuildInformationPusher.of(client)
                    .push(space, request("1.0.0", OverwriteMode.FailIfExists, headBuild("1")))
                    .describe());
            texts.add(BuildInformationPusher.of(client)
                    .latest(space, "MyApp.Web")
                    .orElseThrow()
                    .toString());
            server.seedBuildInformation("MyApp.Web", "2.0.0", asMap(info("1", PARENT)));
            texts.add(failure(() -> BuildInformationPusher.of(client)
                    .push(space, request("2.0.0", OverwriteMode.FailIfExists, headBuild("2")))));
            texts.add(BuildInformationPusher.of(client)
                    .push(space, request("2.0.0", OverwriteMode.IgnoreIfExists, headBuild("2")))
                    .describe());
            server.failNext("POST", 1, 502, "build-information$", -1);
            server.dropAfterStoringNextBuildInformation();
            BuildInformationPusher.of(client).push(space, request("3.0.0", OverwriteMode.FailIfExists, headBuild("3")));
            server.hangAfterStoringNextBuildInformation();
            BuildInformationPusher.of(client).push(space, request("4.0.0", OverwriteMode.FailIfExists, headBuild("4")));
            server.respondNext(
                    1,
                    400,
                    "build-information$",
                    "application/json",
                    "{\"ErrorMessage\":\"Key " + KEY + " is odd\",\"Errors\":[\"" + KEY + "\"]}");
            texts.add(failure(() -> BuildInformationPusher.of(client).find(space, "MyApp.Web", "5.0.0")));

            OctopusClient pusher = OctopusClient.connect(
                    ServerSettings.builder(server.url().toString(), Credential.apiKey(PUSHER))
                            .build(),
                    new RecordingSleeper(),
                    new TestClock(),
                    warnings::add);
            Space pusherSpace = pusher.resolveSpace(Optional.empty());
            BuildInformationPusher.of(pusher).latest(pusherSpace, "MyApp.Web");
            texts.add(failure(() -> BuildInformationPusher.of(pusher)
                    .push(pusherSpace, request("6.0.0", OverwriteMode.OverwriteExisting, headBuild("6")))));

            assertThat(server.anyUrlContains("S3CRET")).isFalse();
        }
        texts.addAll(warnings);
        assertThat(warnings).isNotEmpty();
        assertThat(texts)
                .hasSizeGreaterThan(8)
                .allSatisfy(text -> assertThat(text).doesNotContain("S3CRET"));
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
