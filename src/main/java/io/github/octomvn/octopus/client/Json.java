package io.github.octomvn.octopus.client;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Reading and writing Octopus JSON, whose property names are PascalCase but are best matched case-insensitively.
 *
 * <p>Trees are read and written with Jackson's streaming parser and generator and its node classes, never an
 * object mapper: a mapper is some four hundred classes, 0.2 s of a cold JVM's CPU before a push's first request.
 * Nothing here calls {@code JsonNode.toString()}, which would make one: {@link #compact} and {@link #indented} write a
 * tree as text.
 */
public final class Json {

    private static final JsonFactory FACTORY = new JsonFactory();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private Json() {}

    /** The streaming factory, for a caller that reads a large answer without a tree. */
    public static JsonFactory factory() {
        return FACTORY;
    }

    public static ObjectNode object() {
        return NODES.objectNode();
    }

    public static ArrayNode array() {
        return NODES.arrayNode();
    }

    /**
     * Writes {@code value} as indented JSON to {@code file}, creating its folder: to a temporary file first, then
     * moved into place, so a reader never sees half a file.
     */
    public static void writeAtomically(Path file, Object value) throws IOException {
        Files.createDirectories(file.getParent());
        Path temp = Files.createTempFile(file.getParent(), "." + file.getFileName(), ".tmp");
        try {
            try (OutputStream out = Files.newOutputStream(temp)) {
                write(out, value, true);
            }
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /**
     * {@code value} as compact UTF-8 JSON: a tree, or maps (keys as text), lists, text, numbers, booleans and nulls.
     *
     * @throws IllegalArgumentException for any other value: a programming error
     */
    public static byte[] bytes(Object value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            write(out, value, false);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // not from a byte array; from a value too deep or too long to write
        }
        return out.toByteArray();
    }

    /** {@code value} as compact JSON text on one line, as a message quotes an answer. */
    public static String compact(Object value) {
        return new String(bytes(value), StandardCharsets.UTF_8);
    }

    /** {@code value} as indented JSON text, as a dry run shows a request body. */
    public static String indented(Object value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            write(out, value, true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /**
     * The JSON in {@code body}, or empty when there is none or it is not JSON (an HTML error page, a proxy's
     * answer). As Jackson's {@code readTree}: only the first value counts, the last of two equal names wins, and
     * content that is only white space is a {@link MissingNode}.
     */
    public static Optional<JsonNode> parse(byte[] body) {
        // The JDK hands a proxy's answer to CONNECT over without a body.
        if (body == null || body.length == 0) {
            return Optional.empty();
        }
        try (JsonParser parser = FACTORY.createParser(body)) {
            return Optional.of(readTree(parser));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** The JSON in {@code file}, as {@link #parse}; a file that is not JSON is an {@link IOException}. */
    public static JsonNode read(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file);
                JsonParser parser = FACTORY.createParser(in)) {
            return readTree(parser);
        }
    }

    private static JsonNode readTree(JsonParser parser) throws IOException {
        return parser.nextToken() == null ? MissingNode.getInstance() : readValue(parser);
    }

    /** The value at the parser's current token, which is its first. */
    private static JsonNode readValue(JsonParser parser) throws IOException {
        switch (parser.currentToken()) {
            case START_OBJECT:
                ObjectNode object = NODES.objectNode();
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String name = parser.currentName();
                    parser.nextToken();
                    object.set(name, readValue(parser));
                }
                return object;
            case START_ARRAY:
                ArrayNode array = NODES.arrayNode();
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    array.add(readValue(parser));
                }
                return array;
            case VALUE_STRING:
                return NODES.textNode(parser.getText());
            case VALUE_NUMBER_INT:
                switch (parser.getNumberType()) {
                    case INT:
                        return NODES.numberNode(parser.getIntValue());
                    case LONG:
                        return NODES.numberNode(parser.getLongValue());
                    default:
                        return NODES.numberNode(parser.getBigIntegerValue());
                }
            case VALUE_NUMBER_FLOAT:
                return NODES.numberNode(parser.getDoubleValue());
            case VALUE_TRUE:
                return NODES.booleanNode(true);
            case VALUE_FALSE:
                return NODES.booleanNode(false);
            case VALUE_NULL:
                return NODES.nullNode();
            default:
                throw new IOException("unexpected " + parser.currentToken() + " in JSON");
        }
    }

    private static void write(OutputStream out, Object value, boolean indented) throws IOException {
        try (JsonGenerator generator = FACTORY.createGenerator(out)) {
            if (indented) {
                generator.setPrettyPrinter(new DefaultPrettyPrinter());
            }
            writeValue(generator, value);
        }
    }

    private static void writeValue(JsonGenerator generator, Object value) throws IOException {
        if (value == null) {
            generator.writeNull();
        } else if (value instanceof JsonNode) {
            writeNode(generator, (JsonNode) value);
        } else if (value instanceof Map) {
            generator.writeStartObject();
            for (Map.Entry<?, ?> entry : ((Map<?, ?>) value).entrySet()) {
                generator.writeFieldName(String.valueOf(entry.getKey()));
                writeValue(generator, entry.getValue());
            }
            generator.writeEndObject();
        } else if (value instanceof Iterable) {
            generator.writeStartArray();
            for (Object item : (Iterable<?>) value) {
                writeValue(generator, item);
            }
            generator.writeEndArray();
        } else if (value instanceof CharSequence) {
            generator.writeString(value.toString());
        } else if (value instanceof Boolean) {
            generator.writeBoolean((Boolean) value);
        } else if (value instanceof Integer || value instanceof Long || value instanceof Short) {
            generator.writeNumber(((Number) value).longValue());
        } else if (value instanceof Double || value instanceof Float) {
            generator.writeNumber(((Number) value).doubleValue());
        } else if (value instanceof BigDecimal) {
            generator.writeNumber((BigDecimal) value);
        } else if (value instanceof BigInteger) {
            generator.writeNumber((BigInteger) value);
        } else {
            throw new IllegalArgumentException(
                    "Cannot write a " + value.getClass().getName() + " as JSON");
        }
    }

    private static void writeNode(JsonGenerator generator, JsonNode node) throws IOException {
        switch (node.getNodeType()) {
            case OBJECT:
                generator.writeStartObject();
                for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> field = it.next();
                    generator.writeFieldName(field.getKey());
                    writeNode(generator, field.getValue());
                }
                generator.writeEndObject();
                break;
            case ARRAY:
                generator.writeStartArray();
                for (JsonNode item : node) {
                    writeNode(generator, item);
                }
                generator.writeEndArray();
                break;
            case STRING:
                generator.writeString(node.textValue());
                break;
            case BOOLEAN:
                generator.writeBoolean(node.booleanValue());
                break;
            case NUMBER:
                writeNumber(generator, node);
                break;
            case NULL:
                generator.writeNull();
                break;
            default:
                // MissingNode, or a POJO or binary node, which no tree here holds
                throw new IllegalArgumentException("Cannot write a " + node.getNodeType() + " node as JSON");
        }
    }

    private static void writeNumber(JsonGenerator generator, JsonNode node) throws IOException {
        switch (node.numberType()) {
            case INT:
                generator.writeNumber(node.intValue());
                break;
            case LONG:
                generator.writeNumber(node.longValue());
                break;
            case BIG_INTEGER:
                generator.writeNumber(node.bigIntegerValue());
                break;
            case BIG_DECIMAL:
                generator.writeNumber(node.decimalValue());
                break;
            case FLOAT:
                generator.writeNumber(node.floatValue());
                break;
            default:
                generator.writeNumber(node.doubleValue());
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
