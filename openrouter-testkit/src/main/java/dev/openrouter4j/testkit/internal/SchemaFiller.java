package dev.openrouter4j.testkit.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/**
 * Makes up a JSON value that fits a JSON schema, deterministically: strings from the user's text (or
 * {@code "example"}), numbers 2, booleans true, enums their first value, arrays one item.
 */
final class SchemaFiller {

    private static final int MAX_DEPTH = 8;

    private SchemaFiller() {
    }

    /**
     * @param requiredOnly fill only the {@code required} properties of objects (tool arguments); otherwise
     *                     all properties (structured output)
     */
    static JsonNode fill(JsonNode schema, String text, boolean requiredOnly) {
        return fill(schema, text, requiredOnly, 0);
    }

    private static JsonNode fill(JsonNode schema, String text, boolean requiredOnly, int depth) {
        JsonNodeFactory f = Json.MAPPER.getNodeFactory();
        if (schema == null || !schema.isObject() || depth > MAX_DEPTH) {
            return f.textNode(stringValue(text));
        }
        if (schema.has("const")) {
            return schema.get("const");
        }
        JsonNode en = schema.path("enum");
        if (en.isArray() && en.size() > 0) {
            return en.get(0);
        }
        for (String combinator : new String[] {"anyOf", "oneOf", "allOf"}) {
            JsonNode options = schema.path(combinator);
            if (options.isArray() && options.size() > 0 && !schema.has("type") && !schema.has("properties")) {
                for (JsonNode option : options) {
                    if (!"null".equals(option.path("type").asText())) {
                        return fill(option, text, requiredOnly, depth + 1);
                    }
                }
                return f.nullNode();
            }
        }
        String type = type(schema);
        switch (type) {
            case "object": {
                ObjectNode obj = f.objectNode();
                JsonNode props = schema.path("properties");
                JsonNode required = schema.path("required");
                if (requiredOnly || (required.isArray() && !props.isObject())) {
                    for (JsonNode name : required) {
                        obj.set(name.asText(), fill(props.path(name.asText()), text, requiredOnly, depth + 1));
                    }
                } else {
                    for (Map.Entry<String, JsonNode> e : props.properties()) {
                        obj.set(e.getKey(), fill(e.getValue(), text, requiredOnly, depth + 1));
                    }
                }
                return obj;
            }
            case "array": {
                ArrayNode arr = f.arrayNode();
                arr.add(fill(schema.path("items"), text, requiredOnly, depth + 1));
                return arr;
            }
            case "integer":
            case "number":
                return f.numberNode(2);
            case "boolean":
                return f.booleanNode(true);
            case "null":
                return f.nullNode();
            default:
                return f.textNode(stringValue(text));
        }
    }

    private static String type(JsonNode schema) {
        JsonNode t = schema.path("type");
        if (t.isTextual()) {
            return t.asText();
        }
        if (t.isArray()) {
            for (JsonNode x : t) {
                if (!"null".equals(x.asText())) {
                    return x.asText();
                }
            }
        }
        if (schema.has("properties") || schema.has("required")) {
            return "object";
        }
        if (schema.has("items")) {
            return "array";
        }
        return "string";
    }

    private static String stringValue(String text) {
        String t = text == null ? "" : text.strip();
        if (t.isEmpty()) {
            return "example";
        }
        return ChatEngine.abbreviate(t, 100);
    }
}
