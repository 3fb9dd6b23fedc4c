package dev.openrouter4j.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import com.networknt.schema.oas.OpenApi31;
import dev.openrouter4j.testkit.internal.Json;
import dev.openrouter4j.testkit.internal.Resources;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Validates JSON against the component schemas of OpenRouter's own OpenAPI 3.1 specification (bundled, see
 * {@code NOTICE.md}), with {@code $ref}s resolved.
 *
 * <p>It exists so tests can prove that what a client sends ({@code ChatRequest}) and what the fake synthesizes
 * ({@code ChatResult}, {@code ChatStreamChunk}) is what the specification allows, instead of trusting
 * hand-written shapes. Real traffic is looser than the spec (see the bundled recordings), so do not use it to
 * reject what OpenRouter actually sends. The specification is loaded once, on first use (about a second).
 */
public final class OpenRouterSchemas {

    /** Where the bundled document is registered; the {@code .invalid} host guarantees nothing is fetched. */
    private static final String DOCUMENT = "https://openrouter4j.invalid/openrouter-openapi.json";

    private static final Map<String, JsonSchema> SCHEMAS = new ConcurrentHashMap<>();
    private static volatile JsonSchemaFactory factory;
    private static volatile Set<String> names;
    private static volatile String documentJson;
    private static volatile JsonNode document;

    private OpenRouterSchemas() {
    }

    /** Asserts that {@code json} is a valid {@code ChatRequest} (a {@code POST /chat/completions} body). */
    public static void assertValidChatRequest(String json) {
        assertValid("ChatRequest", json);
    }

    /** Asserts that {@code json} is a valid {@code ChatResult} (a non-streamed chat completion). */
    public static void assertValidChatResult(String json) {
        assertValid("ChatResult", json);
    }

    /** Asserts that {@code json} is a valid {@code ChatStreamChunk} (the payload of one SSE {@code data:} line). */
    public static void assertValidChatStreamChunk(String json) {
        assertValid("ChatStreamChunk", json);
    }

    /**
     * Asserts that {@code json} is a valid JSON request body of {@code POST <path>} (for example
     * {@code "/embeddings"}, {@code "/rerank"}, {@code "/images"}, {@code "/audio/speech"}), as the specification
     * declares it for that operation; several of these schemas are written inline, not as components.
     *
     * @throws AssertionError listing every violation
     */
    public static void assertValidRequest(String path, String json) {
        report("POST " + path + " request", validateRequest(path, json), json);
    }

    /**
     * Asserts that {@code json} is a valid {@code 200 application/json} response of {@code <path>} (POST, or GET
     * for listings such as {@code "/embeddings/models"}).
     *
     * @throws AssertionError listing every violation
     */
    public static void assertValidResponse(String path, String json) {
        report(path + " response", validateResponse(path, json), json);
    }

    /**
     * The violations of {@code json} against the JSON request body of {@code POST <path>}; empty when valid.
     *
     * @throws IllegalArgumentException if the specification has no such operation with a JSON body
     */
    public static List<String> validateRequest(String path, String json) {
        return validate(operationSchema(path, true), json);
    }

    /**
     * The violations of {@code json} against the {@code 200 application/json} response of {@code <path>}.
     *
     * @throws IllegalArgumentException if the specification has no such operation with a JSON answer
     */
    public static List<String> validateResponse(String path, String json) {
        return validate(operationSchema(path, false), json);
    }

    private static void report(String what, List<String> violations, String json) {
        if (!violations.isEmpty()) {
            throw new AssertionError("not a valid " + what + " (" + violations.size() + " violation(s)):\n  "
                    + String.join("\n  ", violations) + "\nJSON: " + abbreviate(json));
        }
    }

    private static JsonSchema operationSchema(String path, boolean request) {
        String key = (request ? "request " : "response ") + path;
        JsonSchema cached = SCHEMAS.get(key);
        if (cached != null) {
            return cached;
        }
        load();
        JsonNode item = document.path("paths").path(path);
        String pointer = null;
        for (String method : request ? List.of("post") : List.of("post", "get")) {
            JsonNode op = item.path(method);
            JsonNode schema = request
                    ? op.path("requestBody").path("content").path("application/json").path("schema")
                    : op.path("responses").path("200").path("content").path("application/json").path("schema");
            if (schema.isObject()) {
                pointer = "/paths/" + escape(path) + "/" + method + (request
                        ? "/requestBody/content/application~1json/schema"
                        : "/responses/200/content/application~1json/schema");
                break;
            }
        }
        if (pointer == null) {
            throw new IllegalArgumentException("the OpenRouter specification has no JSON " + (request ? "request body"
                    : "200 response") + " for " + path);
        }
        String location = DOCUMENT + "#" + pointer;
        return SCHEMAS.computeIfAbsent(key, k -> {
            SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().locale(Locale.ENGLISH).build();
            return factory().getSchema(SchemaLocation.of(location), config);
        });
    }

    /**
     * Validation as JSON Schema 2020-12 defines it, without OpenAPI's {@code discriminator} shortcut: the validator's
     * discriminator support leaks the message-level discriminator ({@code role}) into the {@code anyOf} of a user
     * message's content, so every content array (text, image, file, audio, video parts) was rejected although the
     * spec allows it. Each {@code oneOf} a discriminator annotates still selects exactly one branch, by the
     * {@code enum} of its {@code type} or {@code role} field.
     */
    private static void withoutDiscriminators(JsonNode node) {
        if (node instanceof com.fasterxml.jackson.databind.node.ObjectNode o) {
            o.remove("discriminator");
        }
        for (JsonNode child : node) {
            withoutDiscriminators(child);
        }
    }

    private static String escape(String pathSegment) {
        return pathSegment.replace("~", "~0").replace("/", "~1");
    }

    /**
     * Asserts that {@code json} is valid against {@code #/components/schemas/<schemaName>}.
     *
     * @throws AssertionError listing every violation
     */
    public static void assertValid(String schemaName, String json) {
        List<String> violations = validate(schemaName, json);
        if (!violations.isEmpty()) {
            throw new AssertionError("not a valid " + schemaName + " (" + violations.size() + " violation(s)):\n  "
                    + String.join("\n  ", violations) + "\nJSON: " + abbreviate(json));
        }
    }

    /**
     * The violations of {@code json} against {@code #/components/schemas/<schemaName>}, each as
     * {@code "<instance path>: <message>"}; empty when valid. Text that is not JSON gives one violation.
     *
     * @throws IllegalArgumentException if the specification has no such schema
     */
    public static List<String> validate(String schemaName, String json) {
        return validate(schema(schemaName), json);
    }

    private static List<String> validate(JsonSchema schema, String json) {
        JsonNode node;
        try {
            node = Json.parse(json);
        } catch (IOException e) {
            return List.of("$: not JSON: " + e.getMessage());
        }
        if (node == null || node.isMissingNode()) {
            return List.of("$: not JSON: empty input");
        }
        Collection<ValidationMessage> messages = schema.validate(node);
        List<String> out = new ArrayList<>(messages.size());
        for (ValidationMessage m : messages) {
            out.add(m.getMessage());
        }
        return out;
    }

    private static synchronized void load() {
        if (names != null) {
            return;
        }
        try {
            JsonNode doc = new YAMLMapper().readTree(Resources.read("openrouter-openapi.yaml"));
            List<String> list = new ArrayList<>();
            doc.path("components").path("schemas").fieldNames().forEachRemaining(list::add);
            withoutDiscriminators(doc);
            documentJson = Json.write(doc);
            document = doc;
            names = Set.copyOf(list);
        } catch (IOException e) {
            throw new IllegalStateException("bundled OpenAPI specification is broken", e);
        }
    }

    private static JsonSchema schema(String name) {
        JsonSchema cached = SCHEMAS.get(name);
        if (cached != null) {
            return cached;
        }
        load();
        if (!names.contains(name)) {
            throw new IllegalArgumentException("the OpenRouter specification has no schema named '" + name + "'");
        }
        return SCHEMAS.computeIfAbsent(name, n -> {
            SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().locale(Locale.ENGLISH).build();
            return factory().getSchema(SchemaLocation.of(DOCUMENT + "#/components/schemas/" + n), config);
        });
    }

    private static JsonSchemaFactory factory() {
        JsonSchemaFactory f = factory;
        if (f == null) {
            synchronized (OpenRouterSchemas.class) {
                f = factory;
                if (f == null) {
                    load();
                    String text = documentJson;
                    f = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012, builder -> builder
                            .metaSchema(OpenApi31.getInstance())
                            .defaultMetaSchemaIri(OpenApi31.getInstance().getIri())
                            .schemaLoaders(loaders -> loaders.schemas(Map.of(DOCUMENT, text))));
                    factory = f;
                }
            }
        }
        return f;
    }

    private static String abbreviate(String s) {
        return s.length() > 2000 ? s.substring(0, 2000) + "..." : s;
    }
}
