package io.github.octomvn.octopus.client;

import io.github.octomvn.octopus.testserver.OctopusTestServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** A running test server plus the injected world of a client: sleeper, clock, collected warnings. */
public final class ServerFixture implements AutoCloseable {

    public final OctopusTestServer server;
    public final RecordingSleeper sleeper = new RecordingSleeper();
    public final TestClock clock = new TestClock();
    public final List<String> warnings = Collections.synchronizedList(new ArrayList<>());

    public ServerFixture(OctopusTestServer server) {
        this.server = server;
    }

    public static ServerFixture start() throws IOException {
        return new ServerFixture(OctopusTestServer.start());
    }

    public ServerSettings.Builder settings() {
        return settings(Credential.apiKey(server.apiKey()));
    }

    public ServerSettings.Builder settings(Credential credential) {
        return ServerSettings.builder(server.url().toString(), credential)
                .userAgent("octopus-maven-plugin/test")
                .requestTimeout(Duration.ofSeconds(10))
                .uploadTimeout(Duration.ofSeconds(20));
    }

    public OctopusClient connect() throws OctopusException {
        return connect(settings().build());
    }

    public OctopusClient connect(ServerSettings settings) throws OctopusException {
        return OctopusClient.connect(settings, sleeper, clock, warnings::add);
    }

    public static Path file(Path dir, String name, String content) throws IOException {
        return Files.write(dir.resolve(name), content.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void close() {
        server.close();
    }
}
