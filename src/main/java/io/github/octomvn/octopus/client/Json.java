package io.github.octomvn.octopus.client;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/** Reading Octopus JSON, whose property names are PascalCase but are best matched case-insensitively. */
public final class Json {

    // Configured once, never mutated afterwards: ObjectMapper is thread-safe in that state.
    public static final ObjectMapper MAPPER =
            new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private Json() {}

    /**
     * Writes {@code value} as indented JSON to {@code file}, creating its folder: to a temporary file first, then
     * moved into place, so a reader never sees half a file.
     */
    public static void writeAtomically(Path file, Object value) throws IOException {
        Files.createDirectories(file.getParent());
        Path temp = Files.createTempFile(file.getParent(), "." + file.getFileName(), ".tmp");
        try {
            MAPPER.writerWithDefaultPrettyPrinter().writeValue(temp.toFile(), value);
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    public static Optional<JsonNode> parse(byte[] body) {
        // The JDK hands a proxy's answer to CONNECT over without a body.
        if (body == null || body.length == 0) {
            return Optional.empty();
        }
        try {
            return Optional.ofNullable(MAPPER.readTree(body));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    public static Optional<JsonNode> field(JsonNode node, String name) {
        if (node == null || !node.isObject()) {
            return Optional.empty();
        }
        JsonNode exact = node.get(name);
        if (exact != null) {
            return Optional.of(exact);
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            if (entry.getKey().equalsIgnoreCase(name)) {
                return Optional.of(entry.getValue());
            }
        }
        return Optional.empty();
    }

    /** A non-blank textual (or numeric/boolean rendered as text) property. */
    public static Optional<String> text(JsonNode node, String name) {
        return field(node, name)
                .filter(v -> v.isValueNode() && !v.isNull())
                .map(JsonNode::asText)
                .filter(s -> !s.trim().isEmpty());
    }

    public static OptionalLong number(JsonNode node, String name) {
        Optional<JsonNode> value = field(node, name).filter(JsonNode::isNumber);
        return value.isPresent() ? OptionalLong.of(value.get().asLong()) : OptionalLong.empty();
    }

    public static boolean bool(JsonNode node, String name) {
        return field(node, name).map(JsonNode::asBoolean).orElse(false);
    }
}
