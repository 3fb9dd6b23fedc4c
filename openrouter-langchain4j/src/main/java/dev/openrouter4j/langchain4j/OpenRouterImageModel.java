package dev.openrouter4j.langchain4j;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.langchain4j.data.image.Image;
import dev.langchain4j.model.image.ImageModel;
import dev.langchain4j.model.output.Response;
import dev.langchain4j.model.output.TokenUsage;
import dev.openrouter4j.langchain4j.internal.endpoint.Bodies;
import dev.openrouter4j.langchain4j.internal.endpoint.CallListeners;
import dev.openrouter4j.langchain4j.internal.endpoint.EndpointTransport;
import dev.openrouter4j.langchain4j.internal.error.MalformedResponseException;
import dev.openrouter4j.langchain4j.internal.http.Endpoint;
import dev.openrouter4j.langchain4j.internal.json.Json;
import dev.openrouter4j.langchain4j.internal.response.ResponseMapper;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A LangChain4j {@link ImageModel} on OpenRouter's {@code POST /images} (e.g. {@code bytedance-seed/seedream-4.5},
 * {@code openai/gpt-image-1}).
 * <pre>{@code
 * try (OpenRouterImageModel model = OpenRouterImageModel.builder()
 *         .apiKey(System.getenv("OPENROUTER_API_KEY")).modelName("bytedance-seed/seedream-4.5")
 *         .aspectRatio("16:9").quality("high").build()) {
 *     Image image = model.generate("a red panda astronaut").content();  // base64Data() + mimeType()
 * }
 * }</pre>
 * Options as the spec names them: {@code size} ({@code 2K} or {@code 2048x2048}), {@code aspect_ratio},
 * {@code resolution}, {@code quality}, {@code output_format}, {@code background}, {@code seed}; {@code n} through
 * {@link #generate(String, int)}. {@link #edit(Image, String)} sends the image as an {@code input_references} entry.
 * Images come back as base64 with their media type (or as a URL when a provider answers with one). The response carries
 * the token usage (with the cost) and {@code cost} in {@link Response#metadata()} (with {@code generation_id},
 * {@code model} and {@code provider} when reported). {@link OpenRouterCallListener}s registered with
 * {@link Builder#listeners} see every call. Errors are the typed OpenRouter
 * exceptions. Thread-safe; close it to release its threads.
 */
public class OpenRouterImageModel implements ImageModel, AutoCloseable {

    private static final Set<String> ASPECT_RATIOS = Set.of("1:1", "1:2", "1:4", "1:8", "2:1", "2:3", "3:2", "3:4",
            "4:1", "4:3", "4:5", "5:4", "8:1", "9:16", "16:9", "9:19.5", "19.5:9", "9:20", "20:9", "9:21", "21:9", "auto");

    private final EndpointTransport transport;
    private final CallListeners listeners;
    private final String modelName;
    private final Builder options;
    private final Endpoint<Response<List<Image>>> images =
            EndpointTransport.endpoint("images", "application/json", (contentType, bytes) -> parse(bytes));

    protected OpenRouterImageModel(Builder b) {
        List<String> problems = new ArrayList<>();
        check(problems, "aspectRatio", b.aspectRatio, ASPECT_RATIOS);
        check(problems, "quality", b.quality, Set.of("auto", "low", "medium", "high"));
        check(problems, "resolution", b.resolution, Set.of("512", "1K", "2K", "4K"));
        check(problems, "outputFormat", b.outputFormat, Set.of("png", "jpeg", "webp", "svg"));
        check(problems, "background", b.background, Set.of("auto", "transparent", "opaque"));
        this.transport = b.openTransport(problems);
        this.listeners = b.openListeners();
        this.modelName = b.modelName;
        this.options = b;
    }

    private static void check(List<String> problems, String name, String value, Set<String> allowed) {
        if (value != null && !allowed.contains(value)) {
            problems.add(name + " must be one of " + allowed + ", was " + value);
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    public String modelName() {
        return modelName;
    }

    @Override
    public Response<Image> generate(String prompt) {
        Response<List<Image>> r = generate(prompt, 1);
        if (r.content().isEmpty()) {
            throw new IllegalStateException("OpenRouter returned no image for " + modelName);
        }
        return Response.from(r.content().get(0), r.tokenUsage(), null, r.metadata());
    }

    /** Up to {@code n} images (1 to 10; a provider may return fewer). */
    @Override
    public Response<List<Image>> generate(String prompt, int n) {
        if (n < 1 || n > 10) {
            throw new IllegalArgumentException("n must be between 1 and 10, was " + n);
        }
        return send(body(prompt, n, null), n, prompt);
    }

    /** Image-to-image: {@code image} guides the generation (wire: {@code input_references}). */
    @Override
    public Response<Image> edit(Image image, String prompt) {
        if (image == null || (image.url() == null && image.base64Data() == null)) {
            throw new IllegalArgumentException("image must have a URL or base64 data");
        }
        Response<List<Image>> r = send(body(prompt, 1, image), 1, prompt);
        if (r.content().isEmpty()) {
            throw new IllegalStateException("OpenRouter returned no image for " + modelName);
        }
        return Response.from(r.content().get(0), r.tokenUsage(), null, r.metadata());
    }

    private ObjectNode body(String prompt, int n, Image reference) {
        if (prompt == null || prompt.isBlank()) {
            throw new IllegalArgumentException("prompt must not be blank");
        }
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.put("model", modelName);
        body.put("prompt", prompt);
        if (n != 1) body.put("n", n);
        if (options.size != null) body.put("size", options.size);
        if (options.aspectRatio != null) body.put("aspect_ratio", options.aspectRatio);
        if (options.resolution != null) body.put("resolution", options.resolution);
        if (options.quality != null) body.put("quality", options.quality);
        if (options.outputFormat != null) body.put("output_format", options.outputFormat);
        if (options.background != null) body.put("background", options.background);
        if (options.seed != null) body.put("seed", options.seed);
        if (reference != null) {
            String url = reference.url() != null ? reference.url().toString() : "data:"
                    + (reference.mimeType() == null ? "image/png" : reference.mimeType()) + ";base64,"
                    + reference.base64Data();
            ObjectNode part = body.putArray("input_references").addObject().put("type", "image_url");
            part.putObject("image_url").put("url", url);
        }
        return body;
    }

    private Response<List<Image>> send(ObjectNode body, int n, String prompt) {
        OpenRouterCallRequest call = new OpenRouterCallRequest(OpenRouterCallKind.IMAGE, modelName, n,
                OpenRouterCallUsage.none().withImages(n).withCharacters(prompt.length()));
        return listeners.around(call, () -> transport.post(images, body, modelName), this::describe);
    }

    private OpenRouterCallResponse describe(Response<List<Image>> r) {
        Map<String, Object> m = r.metadata();
        TokenUsage u = r.tokenUsage();
        OpenRouterCallUsage usage = (u == null ? OpenRouterCallUsage.none()
                : OpenRouterCallUsage.tokens(u.inputTokenCount(), u.outputTokenCount(), u.totalTokenCount()))
                .withImages(r.content().size());
        return new OpenRouterCallResponse(m.get("model") instanceof String s ? s : modelName,
                (String) m.get("provider"), (String) m.get("generation_id"), usage, (BigDecimal) m.get("cost"));
    }

    private Response<List<Image>> parse(byte[] bytes) throws MalformedResponseException {
        JsonNode root = Bodies.object(bytes, "the images response");
        JsonNode data = Bodies.array(root, "data", "the images response");
        String fallbackMime = options.outputFormat == null ? "image/png"
                : options.outputFormat.equals("svg") ? "image/svg+xml" : "image/" + options.outputFormat;
        List<Image> images = new ArrayList<>();
        for (JsonNode d : data) {
            String b64 = Json.text(d, "b64_json");
            String url = Json.text(d, "url");
            String mime = Json.text(d, "media_type");
            if (b64 != null) {
                images.add(Image.builder().base64Data(b64).mimeType(mime == null ? fallbackMime : mime)
                        .revisedPrompt(Json.text(d, "revised_prompt")).build());
            } else if (url != null) {
                images.add(Image.builder().url(url).mimeType(mime).revisedPrompt(Json.text(d, "revised_prompt"))
                        .build());
            } else {
                throw new MalformedResponseException("an image has neither b64_json nor url");
            }
        }
        OpenRouterTokenUsage usage = ResponseMapper.usage(root.get("usage"));
        Map<String, Object> metadata = new LinkedHashMap<>();
        OpenRouterScoringModel.putIfPresent(metadata, "cost", usage == null ? null : usage.cost());
        OpenRouterScoringModel.putIfPresent(metadata, "created", Json.integer(root, "created"));
        OpenRouterScoringModel.putIfPresent(metadata, "generation_id", Json.text(root, "id"));
        OpenRouterScoringModel.putIfPresent(metadata, "model", Json.text(root, "model"));
        OpenRouterScoringModel.putIfPresent(metadata, "provider", Json.text(root, "provider"));
        return Response.from(List.copyOf(images), usage, null, metadata);
    }

    /** Releases the model's threads and connections. */
    @Override
    public void close() {
        transport.close();
    }

    /** Describes the model; never shows the key. */
    @Override
    public String toString() {
        return "OpenRouterImageModel{modelName=" + modelName + ", " + transport.describe() + '}';
    }

    /** Builds {@link OpenRouterImageModel}; the connection options are those of {@link OpenRouterClientBuilder}. */
    public static class Builder extends OpenRouterClientBuilder<Builder> {

        private String size;
        private String aspectRatio;
        private String resolution;
        private String quality;
        private String outputFormat;
        private String background;
        private Integer seed;

        public Builder() {
        }

        /** Observers of every call (see {@link OpenRouterCallListener}), e.g. a cost ledger's. */
        public Builder listeners(List<OpenRouterCallListener> listeners) { return callListeners(listeners); }

        /** Observers of every call (see {@link OpenRouterCallListener}), e.g. a cost ledger's. */
        public Builder listeners(OpenRouterCallListener... listeners) { return callListeners(Arrays.asList(listeners)); }

        /** A tier ({@code 2K}, {@code 4K}) or explicit pixels ({@code 2048x2048}), normalized per provider. */
        public Builder size(String size) { this.size = size; return this; }

        /** {@code 1:1}, {@code 16:9}, {@code 9:16}, ... or {@code auto}. */
        public Builder aspectRatio(String aspectRatio) { this.aspectRatio = aspectRatio; return this; }

        /** {@code 512}, {@code 1K}, {@code 2K} or {@code 4K}. */
        public Builder resolution(String resolution) { this.resolution = resolution; return this; }

        /** {@code auto}, {@code low}, {@code medium} or {@code high}. */
        public Builder quality(String quality) { this.quality = quality; return this; }

        /** {@code png}, {@code jpeg}, {@code webp} or {@code svg}. */
        public Builder outputFormat(String outputFormat) { this.outputFormat = outputFormat; return this; }

        /** {@code auto}, {@code transparent} (png or webp) or {@code opaque}. */
        public Builder background(String background) { this.background = background; return this; }

        /** Deterministic sampling where the provider supports it. */
        public Builder seed(Integer seed) { this.seed = seed; return this; }

        @Override
        String exampleModel() {
            return "bytedance-seed/seedream-4.5";
        }

        public OpenRouterImageModel build() {
            return new OpenRouterImageModel(this);
        }
    }
}
