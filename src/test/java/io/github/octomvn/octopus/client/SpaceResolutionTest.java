package io.github.octomvn.octopus.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.octomvn.octopus.testserver.OctopusTestServer;
import io.github.octomvn.octopus.testserver.RecordedRequest;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Finding the space by id, name or slug, the default space, and the legacy server without spaces. */
class SpaceResolutionTest {

    private ServerFixture fixture;

    @AfterEach
    void stop() {
        fixture.close();
    }

    @Test
    void takesSpacesNAsAnIdAndVerifiesIt() throws Exception {
        fixture = ServerFixture.start();

        Space space = fixture.connect().resolveSpace(Optional.of("Spaces-2"));

        assertThat(space.id()).isEqualTo("Spaces-2");
        assertThat(space.name()).isEqualTo("Team B");
        assertThat(space.webUrl()).isEqualTo(fixture.server.url() + "/app#/Spaces-2");
        assertThat(fixture.server.requests())
                .extracting(RecordedRequest::path)
                .containsExactly("/api", "/api/spaces/Spaces-2");
    }

    @Test
    void findsASpaceByNameIgnoringCase() throws Exception {
        fixture = ServerFixture.start();

        Space space = fixture.connect().resolveSpace(Optional.of(" team b "));

        assertThat(space.id()).isEqualTo("Spaces-2");
        assertThat(fixture.server.requests())
                .extracting(RecordedRequest::path)
                .containsExactly("/api", "/api/spaces/all");
    }

    @Test
    void failsOnAnUnknownSpaceListingTheKnownOnes() throws Exception {
        fixture = ServerFixture.start();
        OctopusClient client = fixture.connect();

        assertThatThrownBy(() -> client.resolveSpace(Optional.of("Nope")))
                .isInstanceOfSatisfying(
                        OctopusException.class, e -> assertThat(e.kind()).isEqualTo(OctopusException.Kind.NOT_FOUND))
                .hasMessage("cannot find space 'Nope' on " + fixture.server.url()
                        + "; the spaces this API key can see are Default (Spaces-1), Team B (Spaces-2)");
        assertThat(fixture.server.requests(("POST"), ".*")).isEmpty();
    }

    @Test
    void failsOnAnUnknownSpaceId() throws Exception {
        fixture = ServerFixture.start();
        OctopusClient client = fixture.connect();

        assertThatThrownBy(() -> client.resolveSpace(Optional.of("Spaces-9")))
                .isInstanceOf(OctopusException.class)
                .hasMessageStartingWith("cannot find space 'Spaces-9'")
                .hasMessageContaining("Default (Spaces-1)");
    }

    @Test
    void usesTheDefaultSpaceWhenNoneIsGiven() throws Exception {
        fixture = ServerFixture.start();

        Space space = fixture.connect().resolveSpace(Optional.of("  "));

        assertThat(space.id()).isEqualTo("Spaces-1");
        assertThat(space.name()).isEqualTo("Default");
    }

    @Test
    void failsClearlyWhenThereIsNoDefaultSpace() throws Exception {
        fixture = new ServerFixture(OctopusTestServer.builder()
                .space("Spaces-3", "Alpha", false)
                .space("Spaces-4", "Beta", false)
                .start());
        OctopusClient client = fixture.connect();

        assertThatThrownBy(() -> client.resolveSpace(Optional.empty()))
                .isInstanceOf(OctopusException.class)
                .hasMessageContaining("No space was given")
                .hasMessageContaining("has no default space")
                .hasMessageContaining("Alpha (Spaces-3), Beta (Spaces-4)");
    }

    @Test
    void readsCapabilitiesFromTheSpaceWhenTheRootHasNoDefaultSpace() throws Exception {
        fixture = new ServerFixture(
                OctopusTestServer.builder().space("Spaces-3", "Alpha", false).start());

        Space space = fixture.connect().resolveSpace(Optional.of("Alpha"));

        assertThat(space.overwriteModeSupported()).isTrue();
        assertThat(fixture.server.requests())
                .extracting(RecordedRequest::path)
                .containsExactly("/api", "/api/spaces/all", "/api/Spaces-3");
    }

    @Test
    void aServerWithoutSpacesYieldsItsImplicitSpace() throws Exception {
        fixture = new ServerFixture(OctopusTestServer.builder().legacy().start());
        OctopusClient client = fixture.connect();

        Space space = client.resolveSpace(Optional.empty());

        assertThat(client.capabilities().spaces()).isFalse();
        assertThat(client.capabilities().overwriteMode()).isFalse();
        assertThat(space.isLegacy()).isTrue();
        assertThat(space.apiPrefix()).isEqualTo("/api");
        assertThat(client.resolveSpace(Optional.of("Default")).isLegacy()).isTrue();
        assertThatThrownBy(() -> client.resolveSpace(Optional.of("Team B")))
                .isInstanceOf(OctopusException.class)
                .hasMessageContaining("has no spaces");
    }
}
