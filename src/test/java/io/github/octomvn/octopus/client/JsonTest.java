package io.github.octomvn.octopus.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Json reads and writes trees without an object mapper, exactly as Jackson's object mapper would. */
class JsonTest {

    /** The reference: what the code did before, and what any Jackson user expects. */
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static final List<String> DOCUMENTS = List.of(
            "{\"Application\":\"Octopus Deploy\",\"Version\":\"2024.1.100\",\"Links\":{\"Self\":\"/api\"},"
                    + "\"Items\":[{\"Id\":\"Spaces-1\",\"IsDefault\":true,\"Description\":null}]}",
            "[1, -2, 2147483648, 9223372036854775808, 1.5, -0.0, 1e300, \"\\u00e9\\n\", true, false, null, [], {}]",
            "{\"a\":1,\"a\":2}",
            "\"just text\"",
            "42",
            "{\"Errors\":[\"one\",\"two\"],\"ErrorMessage\":\"There was a problem with your request.\"}",
            "{\"nested\":{\"deeper\":{\"deepest\":[[[\"x\"]]]}}}");

    @Test
    void readsEveryDocumentIntoTheTreeTheObjectMapperReads() throws Exception {
        for (String document : DOCUMENTS) {
            JsonNode expected = MAPPER.readTree(document);
            assertThat(Json.parse(document.getBytes(StandardCharsets.UTF_8)))
                    .as(document)
                    .contains(expected);
        }
    }

    @Test
    void numbersKeepTheTypesTheObjectMapperGivesThem() throws Exception {
        JsonNode numbers = Json.parse("[1, 2147483648, 9223372036854775808, 1.5]".getBytes(StandardCharsets.UTF_8))
                .orElseThrow();
        assertThat(numbers.get(0).isInt()).isTrue();
        assertThat(numbers.get(1).isLong()).isTrue();
        assertThat(numbers.get(2).isBigInteger()).isTrue();
        assertThat(numbers.get(3).isDouble()).isTrue();
    }

    @Test
    void anAnswerThatIsNotJsonIsNoTree() {
        assertThat(Json.parse(null)).isEmpty();
        assertThat(Json.parse(new byte[0])).isEmpty();
        assertThat(Json.parse("<html><body>502 Bad Gateway</body></html>".getBytes(StandardCharsets.UTF_8)))
                .isEmpty();
        assertThat(Json.parse("{\"Id\":\"Spaces-1\"".getBytes(StandardCharsets.UTF_8)))
                .isEmpty();
    }

    @Test
    void onlyWhiteSpaceIsAMissingNodeAndContentAfterTheFirstValueIsIgnoredAsReadTreeDoes() throws Exception {
        assertThat(Json.parse(" \n ".getBytes(StandardCharsets.UTF_8))).contains(MissingNode.getInstance());
        assertThat(Json.parse("{\"a\":1} trailing".getBytes(StandardCharsets.UTF_8)))
                .contains(MAPPER.readTree("{\"a\":1}"));
    }

    @Test
    void writesTreesByteForByteAsTheObjectMapper() throws Exception {
        for (String document : DOCUMENTS) {
            JsonNode tree = MAPPER.readTree(document);
            assertThat(new String(Json.bytes(tree), StandardCharsets.UTF_8))
                    .as(document)
                    .isEqualTo(MAPPER.writeValueAsString(tree));
            assertThat(Json.compact(tree)).as(document).isEqualTo(MAPPER.writeValueAsString(tree));
            assertThat(Json.indented(tree))
                    .as(document)
                    .isEqualTo(MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(tree));
        }
    }

    @Test
    void writesMapsListsAndPlainValuesAsTheObjectMapper() throws Exception {
        Map<String, Object> commit = new LinkedHashMap<>();
        commit.put("Id", "0123abc");
        commit.put("Comment", "PROJ-12 fix \"login\"\n\u00e9");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("PackageId", "MyApp.Web");
        body.put("Count", 3);
        body.put("Big", Long.MAX_VALUE);
        body.put("Ratio", 0.25);
        body.put("Exact", new BigDecimal("1.10"));
        body.put("Huge", new BigInteger("123456789012345678901234567890"));
        body.put("Flag", true);
        body.put("Nothing", null);
        body.put("Commits", List.of(commit));
        body.put("Empty", new ArrayList<>());
        body.put("Tree", MAPPER.readTree("{\"x\":[1,\"y\"]}"));
        assertThat(Json.bytes(body)).isEqualTo(MAPPER.writeValueAsBytes(body));
        assertThat(Json.indented(body))
                .isEqualTo(MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(body));
    }

    @Test
    void aValueItCannotWriteIsAProgrammingErrorNamedByItsType() {
        assertThatThrownBy(() -> Json.bytes(Map.of("when", Optional.of("now"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("java.util.Optional");
        assertThatThrownBy(() -> Json.bytes(MissingNode.getInstance()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("MISSING");
    }

    @Test
    void aFileIsWrittenIndentedAndAtomicallyAndReadBack(@TempDir Path dir) throws Exception {
        ObjectNode report = Json.object();
        report.put("outcome", "uploaded");
        report.set("packages", Json.array().add(Json.object().put("packageId", "MyApp")));
        Path file = dir.resolve("reports/push-report.json");

        Json.writeAtomically(file, report);

        assertThat(Files.readString(file))
                .isEqualTo(MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(report));
        assertThat(Json.read(file)).isEqualTo(report);
        try (var left = Files.list(dir.resolve("reports"))) {
            assertThat(left).containsExactly(file);
        }
    }

    @Test
    void aFileThatIsNotJsonIsAnIoError(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("broken.json"), "{\"packages\": [");
        assertThatThrownBy(() -> Json.read(file)).isInstanceOf(java.io.IOException.class);
    }

    @Test
    void theDocumentsCoverEveryKindOfValue() throws Exception {
        // a guard on the corpus above: each node type the parser builds appears in it
        List<String> kinds = new ArrayList<>();
        for (String document : DOCUMENTS) {
            collectKinds(MAPPER.readTree(document), kinds);
        }
        assertThat(kinds)
                .containsAll(Arrays.asList(
                        "OBJECT", "ARRAY", "STRING", "BOOLEAN", "NULL", "INT", "LONG", "BIG_INTEGER", "DOUBLE"));
    }

    private static void collectKinds(JsonNode node, List<String> kinds) {
        kinds.add(
                node.isNumber() ? node.numberType().name() : node.getNodeType().name());
        node.forEach(child -> collectKinds(child, kinds));
    }
}
