package dev.openrouter4j.langchain4j;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One entry of the request's {@code plugins} array: OpenRouter-side features such as web search, PDF parsing,
 * JSON response healing, context compression and moderation. Use the factories; {@link #of(String, Map)} covers
 * plugins added to OpenRouter after this library.
 */
public final class OpenRouterPlugin {

    private final String id;
    private final Map<String, Object> options;

    private OpenRouterPlugin(String id, Map<String, Object> options) {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("plugin id is required");
        }
        this.id = id;
        this.options = Map.copyOf(options);
    }

    /** A plugin by id with its options as they go on the wire (snake_case keys). */
    public static OpenRouterPlugin of(String id, Map<String, Object> options) {
        return new OpenRouterPlugin(id, options == null ? Map.of() : options);
    }

    /** Web search with the default engine. Results come back as {@code url_citation} annotations. */
    public static OpenRouterPlugin webSearch() {
        return of("web", Map.of());
    }

    /**
     * Web search with options.
     *
     * @param engine       {@code native}, {@code exa}, ... or null for the default
     * @param maxResults   how many results, or null
     * @param searchPrompt the prompt that introduces the results, or null
     */
    public static OpenRouterPlugin webSearch(String engine, Integer maxResults, String searchPrompt) {
        Map<String, Object> o = new LinkedHashMap<>();
        if (engine != null) o.put("engine", engine);
        if (maxResults != null) o.put("max_results", maxResults);
        if (searchPrompt != null) o.put("search_prompt", searchPrompt);
        return of("web", o);
    }

    /** PDF parsing with an engine: {@code mistral-ocr}, {@code native} or {@code cloudflare-ai}. */
    public static OpenRouterPlugin fileParser(String pdfEngine) {
        return of("file-parser", Map.of("pdf", Map.of("engine", Objects.requireNonNull(pdfEngine, "pdfEngine"))));
    }

    /** Repairs malformed JSON in non-streaming structured-output responses. */
    public static OpenRouterPlugin responseHealing() {
        return of("response-healing", Map.of());
    }

    /** Compresses the middle of a prompt that does not fit the context window (replaces legacy transforms). */
    public static OpenRouterPlugin contextCompression() {
        return of("context-compression", Map.of());
    }

    /** Turns off the compression OpenRouter applies by default on small-context endpoints. */
    public static OpenRouterPlugin contextCompressionDisabled() {
        return of("context-compression", Map.of("enabled", false));
    }

    /** OpenRouter's moderation of the input. */
    public static OpenRouterPlugin moderation() {
        return of("moderation", Map.of());
    }

    /** The plugin id, e.g. {@code web}. */
    public String id() {
        return id;
    }

    /** The plugin's options as sent, without the id. */
    public Map<String, Object> options() {
        return options;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof OpenRouterPlugin p && id.equals(p.id) && options.equals(p.options);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, options);
    }

    @Override
    public String toString() {
        return "OpenRouterPlugin{" + id + (options.isEmpty() ? "" : " " + options) + '}';
    }
}
