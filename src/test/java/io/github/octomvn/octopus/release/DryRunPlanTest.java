package io.github.octomvn.octopus.release;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A dry run shows the exact request bodies it would send, sends none, and never shows a variable's value. */
class DryRunPlanTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ReleaseFixture f;

    @BeforeEach
    void start() throws Exception {
        f = ReleaseFixture.start();
    }

    @AfterEach
    void stop() {
        f.close();
    }

    @Test
    void releasePlanIsTheBodyCreateSendsAndSendsNothing() throws Exception {
        ReleaseRequest request = ReleaseRequest.builder("Billing")
                .releaseVersion("1.4.0")
                .addPackage(ReleasePackage.of("Billing.Web", "1.4.0"))
                .addPackage(ReleasePackage.of("Billing.Worker", "1.4.0"))
                .releaseNotes("Fix the invoice total")
                .build();

        String plan = new ReleaseCreator(f.api).plan(request);

        assertThat(plan).startsWith("POST /api/Spaces-1/releases/create/v1\n");
        assertThat(f.server.requests("POST", ".")).as("POSTed").isEmpty();
        assertThat(f.server.releases()).isEmpty();

        new ReleaseCreator(f.api).create(request);
        assertThat(body(plan)).isEqualTo(sent("releases/create/v1$"));
    }

    @Test
    void deploymentPlanMasksVariableValuesAndSendsNothing() throws Exception {
        f.createRelease("1.4.0");
        f.server.clearRequests();
        DeploymentRequest request = DeploymentRequest.builder("Billing", "1.4.0")
                .environments(Arrays.asList("Dev", "Test"))
                .variable("Db.Password", "s3cret")
                .build();

        String plan = new Deployer(f.api).plan(request);

        assertThat(plan).startsWith("POST /api/Spaces-1/deployments/create/untenanted/v1\n");
        assertThat(plan).doesNotContain("s3cret").contains("\"Db.Password\" : \"****\"");
        assertThat(f.server.requests("POST", ".")).as("POSTed").isEmpty();
        assertThat(f.server.deployments()).isEmpty();

        new Deployer(f.api).deploy(request);
        ObjectNode shown = (ObjectNode) body(plan);
        ((ObjectNode) shown.get("Variables")).put("Db.Password", "s3cret");
        assertThat(shown).isEqualTo(sent("deployments/create/untenanted/v1$"));
    }

    @Test
    void tenantedDeploymentPlanGoesToTheTenantedRoute() throws Exception {
        String plan = new Deployer(f.api)
                .plan(DeploymentRequest.builder("Billing", "1.4.0")
                        .environments(Arrays.asList("Production"))
                        .tenants(Arrays.asList("Acme"))
                        .build());

        assertThat(plan).startsWith("POST /api/Spaces-1/deployments/create/tenanted/v1\n");
        assertThat(body(plan).get("EnvironmentName").asText()).isEqualTo("Production");
        assertThat(f.server.requests("POST", ".")).isEmpty();
    }

    private static JsonNode body(String plan) throws Exception {
        return JSON.readTree(plan.substring(plan.indexOf('\n') + 1));
    }

    private JsonNode sent(String route) throws Exception {
        byte[] body = f.server.requests("POST", route).get(0).body().orElseThrow();
        return JSON.readTree(new String(body, StandardCharsets.UTF_8));
    }
}
