package io.github.octomvn.octopus.buildinfo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import io.github.octomvn.octopus.client.OverwriteMode;
import java.util.List;
import org.junit.jupiter.api.Test;

class BuildInformationRequestTest {
    private static final String SHA = "0123456789abcdef0123456789abcdef01234567";

    private static BuildInformation full() {
        return BuildInformation.builder()
                .buildEnvironment("Jenkins")
                .buildNumber("42")
                .buildUrl("https://ci.example/job/42")
                .branch("main")
                .vcsType("Git")
                .vcsRoot("https://github.com/org/repo")
                .vcsCommitNumber(SHA)
                .commits(List.of(new Commit(SHA, "PROJ-12 fix login\n\nLonger body\r\nwith \"quotes\"\n")))
                .build();
    }

    @Test
    void writesTheSection61BodyInPascalCase() {
        BuildInformationRequest request =
                new BuildInformationRequest("MyApp.Web", "1.2.3", OverwriteMode.FailIfExists, full());

        assertThat(request.toJson())
                .isEqualTo("{\"PackageId\":\"MyApp.Web\",\"Version\":\"1.2.3\",\"OverwriteMode\":\"FailIfExists\","
                        + "\"OctopusBuildInformation\":{\"BuildEnvironment\":\"Jenkins\",\"BuildNumber\":\"42\","
                        + "\"BuildUrl\":\"https://ci.example/job/42\",\"Branch\":\"main\",\"VcsType\":\"Git\","
                        + "\"VcsRoot\":\"https://github.com/org/repo\",\"VcsCommitNumber\":\"" + SHA + "\","
                        + "\"Commits\":[{\"Id\":\"" + SHA + "\",\"Comment\":\"PROJ-12 fix login\\n\\nLonger body"
                        + "\\r\\nwith \\\"quotes\\\"\\n\"}]}}");
    }

    @Test
    void keepsCommitCommentsVerbatimThroughAJsonRoundTrip() throws Exception {
        BuildInformationRequest request =
                new BuildInformationRequest("MyApp.Web", "1.2.3", OverwriteMode.FailIfExists, full());

        JsonNode body = new ObjectMapper().readTree(request.toJson());

        assertThat(body.at("/OctopusBuildInformation/Commits/0/Comment").asText())
                .isEqualTo("PROJ-12 fix login\n\nLonger body\r\nwith \"quotes\"\n");
    }

    @Test
    void omitsAbsentFieldsInsteadOfSendingNull() {
        BuildInformation local = BuildInformation.builder().build();

        String json = new BuildInformationRequest("app", "1.0", OverwriteMode.IgnoreIfExists, local).toJson();

        assertThat(json)
                .isEqualTo("{\"PackageId\":\"app\",\"Version\":\"1.0\",\"OverwriteMode\":\"IgnoreIfExists\","
                        + "\"OctopusBuildInformation\":{\"BuildEnvironment\":\"Maven\",\"Commits\":[]}}");
    }

    @Test
    void keepsPascalCaseWhateverNamingStrategyTheCallersMapperUses() throws Exception {
        ObjectMapper snakeCase = new ObjectMapper().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);

        String json = snakeCase.writeValueAsString(
                new BuildInformationRequest("app", "1.0", OverwriteMode.OverwriteExisting, full()).toJsonMap());

        assertThat(json).startsWith("{\"PackageId\":\"app\"").contains("\"VcsCommitNumber\"");
    }

    @Test
    void rejectsBlankPackageIdAndVersion() {
        assertThatThrownBy(() -> new BuildInformationRequest(" ", "1.0", OverwriteMode.FailIfExists, full()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("packageId must not be blank");
        assertThatThrownBy(() -> new BuildInformationRequest("app", "", OverwriteMode.FailIfExists, full()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("version must not be blank");
    }

    @Test
    void buildInformationIsAValue() {
        assertThat(full()).isEqualTo(full()).hasSameHashCodeAs(full());
        assertThat(full().commits())
                .containsExactly(new Commit(SHA, "PROJ-12 fix login\n\nLonger body\r\nwith" + " \"quotes\"\n"));
        assertThatThrownBy(() -> full().commits().add(new Commit("x", "y")))
                .isInstanceOf(UnsupportedOperationException.class);
    }
}
