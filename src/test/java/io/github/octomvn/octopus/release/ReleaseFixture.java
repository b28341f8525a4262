package io.github.octomvn.octopus.release;

import io.github.octomvn.octopus.client.Credential;
import io.github.octomvn.octopus.client.OctopusClient;
import io.github.octomvn.octopus.client.OctopusException;
import io.github.octomvn.octopus.client.ServerFixture;
import io.github.octomvn.octopus.testserver.OctopusTestServer;
import io.github.octomvn.octopus.testserver.Permission;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * A test server seeded with project Billing (steps for Billing.Web and Billing.Worker), environments Dev, Test and
 * Production and tenants Acme (Region/EU) and Globex (Region/US), and a client connected to it on an injected
 * clock whose sleeper moves the clock instead of sleeping.
 */
final class ReleaseFixture implements AutoCloseable {

    final ServerFixture fixture;
    final OctopusTestServer server;
    final OctopusClient client;
    final ExecutionsApi api;
    final List<String> progress = Collections.synchronizedList(new ArrayList<>());

    /** The key {@link #limited} adds; the fixture connects with it. */
    static final String LIMITED_KEY = "API-LIMITED";

    ReleaseFixture(OctopusTestServer.Builder builder) throws IOException, OctopusException {
        this(builder, null);
    }

    /** A server where the client's key has only these permissions. */
    static ReleaseFixture limited(Permission... permissions) throws IOException, OctopusException {
        return new ReleaseFixture(OctopusTestServer.builder().addApiKey(LIMITED_KEY, permissions), LIMITED_KEY);
    }

    private ReleaseFixture(OctopusTestServer.Builder builder, String key) throws IOException, OctopusException {
        this.fixture = new ServerFixture(builder.start());
        this.server = fixture.server;
        server.addProject("Billing")
                .packageStep("Deploy web", "Billing.Web")
                .packageStep("Deploy worker", "Billing.Worker");
        server.addEnvironment("Dev", "Test", "Production");
        server.addTenant("Acme", "Region/EU");
        server.addTenant("Globex", "Region/US");
        this.client = key == null
                ? fixture.connect()
                : fixture.connect(fixture.settings(Credential.apiKey(key)).build());
        this.api = new ExecutionsApi(client, client.resolveSpace(Optional.empty()));
    }

    static ReleaseFixture start() throws IOException, OctopusException {
        return new ReleaseFixture(OctopusTestServer.builder());
    }

    /** A waiter on the fixture's clock; each sleep moves the clock on. */
    TaskWaiter waiter() {
        return new TaskWaiter(api, fixture.clock, fixture.clock::advance, progress::add);
    }

    ReleaseOutcome createRelease(String version) throws OctopusException {
        return new ReleaseCreator(api)
                .create(ReleaseRequest.builder("Billing")
                        .releaseVersion(version)
                        .addPackage(ReleasePackage.of("Billing.Web", version))
                        .addPackage(ReleasePackage.of("Billing.Worker", version))
                        .build());
    }

    @Override
    public void close() {
        client.close();
        fixture.close();
    }
}
