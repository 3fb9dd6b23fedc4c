package dev.openrouter4j.langchain4j;

import com.fasterxml.jackson.databind.JsonNode;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.openrouter4j.langchain4j.internal.cache.CacheEngine;
import dev.openrouter4j.langchain4j.internal.cache.OpenRouterCacheHeaders;
import dev.openrouter4j.langchain4j.internal.error.ErrorMapper;
import dev.openrouter4j.langchain4j.internal.error.MalformedResponseException;
import dev.openrouter4j.langchain4j.internal.http.Endpoint;
import dev.openrouter4j.langchain4j.internal.http.HttpBody;
import dev.openrouter4j.langchain4j.internal.http.RequestBody;
import dev.openrouter4j.langchain4j.internal.json.Json;
import dev.openrouter4j.langchain4j.internal.response.ResponseMapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * A LangChain4j {@link ChatModel} for every model behind OpenRouter.
 * <pre>{@code
 * try (OpenRouterChatModel model = OpenRouterChatModel.builder()
 *         .apiKey(System.getenv("OPENROUTER_API_KEY"))
 *         .modelName("openai/gpt-4o-mini")
 *         .build()) {
 *     ChatResponse r = model.chat(ChatRequest.builder().messages(UserMessage.from("Hi")).build());
 *     OpenRouterChatResponseMetadata m = (OpenRouterChatResponseMetadata) r.metadata();
 *     System.out.println(r.aiMessage().text() + " served by " + m.provider() + " for $" + m.cost());
 * }
 * }</pre>
 * Every response's metadata is an {@link OpenRouterChatResponseMetadata} (generation id, upstream provider, cost) with
 * an {@link OpenRouterTokenUsage}. Errors are LangChain4j exceptions implementing
 * {@link dev.openrouter4j.langchain4j.exception.OpenRouterFailure}. No call can hang: see
 * {@link OpenRouterModelBuilder#timeout}. Close the model to release its threads.
 */
public class OpenRouterChatModel extends AbstractOpenRouterModel implements ChatModel {

    private final Endpoint<ChatResponse> chatCompletions = Endpoint.post("chat/completions", this::parse)
            .describedAs("while waiting for or reading the response");

    protected OpenRouterChatModel(Builder builder) {
        super(builder.buildCore());
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public ChatResponse doChat(ChatRequest request) {
        OpenRouterChatRequestParameters p = core.parameters(request.parameters());
        byte[] body = core.writer().write(request, p, false);
        ErrorMapper errors = core.errors(p.modelName());
        RequestBody requestBody = OpenRouterCacheHeaders.body(body, p.openRouterCache());
        CacheEngine cache = core.responseCache();
        if (cache != null && cache.accepts(p.temperature(), p.seed())) {
            String key = cache.key(core.client().baseUrl(), chatCompletions.path(), body);
            return cache.chat(key, () -> core.client().call(chatCompletions, requestBody, errors));
        }
        return core.client().call(chatCompletions, requestBody, errors);
    }

    private ChatResponse parse(HttpBody response) {
        byte[] bytes = response.bytes();
        String contentType = response.contentType();
        ErrorMapper errors = response.errors();
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(bytes);
        } catch (IOException e) {
            try {
                root = Json.parse(new String(bytes, StandardCharsets.UTF_8)); // invalid UTF-8 is replaced, not fatal
            } catch (IOException e2) {
                String what = bytes.length == 0 ? "an empty body" : "a body that is not valid JSON ("
                        + bytes.length + " bytes, " + (contentType == null ? "no content type" : contentType)
                        + "; truncated or malformed)";
                throw errors.fromTransport(new MalformedResponseException("HTTP 200 with " + what, e2),
                        core.client().host(), "in the response body", core.client().timeout(), null);
            }
        }
        if (root == null || root.isMissingNode()) {
            throw errors.fromTransport(new MalformedResponseException("HTTP 200 with an empty body"),
                    core.client().host(), "in the response body", core.client().timeout(), null);
        }
        try {
            return OpenRouterCacheHeaders.apply(ResponseMapper.fromCompletion(root, core.returnThinking(), errors),
                    response.header(OpenRouterCacheHeaders.STATUS));
        } catch (MalformedResponseException e) {
            throw errors.fromTransport(e, core.client().host(), "in the response body",
                    core.client().timeout(), null);
        }
    }

    /** Builds {@link OpenRouterChatModel}; see {@link OpenRouterModelBuilder} for every option. */
    public static class Builder extends OpenRouterModelBuilder<Builder> {

        public Builder() {
        }

        public OpenRouterChatModel build() {
            return new OpenRouterChatModel(this);
        }
    }
}
