package dev.openrouter4j.testkit.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;

/** One {@code POST /chat/completions} being answered: the raw request, its JSON body and the engine. */
public final class ChatCall {

    private final HttpRequestData request;
    private final JsonNode body;
    private final ChatEngine engine;

    public ChatCall(HttpRequestData request, ChatEngine engine) {
        this.request = request;
        this.engine = engine;
        JsonNode parsed;
        try {
            parsed = request.body().length == 0 ? null : Json.parse(request.body());
        } catch (IOException e) {
            parsed = null;
        }
        this.body = parsed;
    }

    public HttpRequestData request() {
        return request;
    }

    /** The JSON body, or {@code null} when the body is empty or not JSON. */
    public JsonNode body() {
        return body;
    }

    public ChatEngine engine() {
        return engine;
    }

    /** Whether the request asked for {@code stream: true}. */
    public boolean stream() {
        return body != null && body.path("stream").asBoolean(false);
    }

    /** The {@code model} of the request, else the first of its {@code models}, else {@code null}. */
    public String requestedModel() {
        if (body == null) {
            return null;
        }
        if (body.path("model").isTextual() && !body.path("model").asText().isBlank()) {
            return body.path("model").asText();
        }
        JsonNode models = body.path("models");
        if (models.isArray() && models.size() > 0 && models.get(0).isTextual()) {
            return models.get(0).asText();
        }
        return null;
    }

    /** Text of the last user message (text parts joined by a space), or {@code ""}. */
    public String lastUserText() {
        if (body == null) {
            return "";
        }
        JsonNode messages = body.path("messages");
        for (int i = messages.size() - 1; i >= 0; i--) {
            JsonNode m = messages.get(i);
            if ("user".equals(m.path("role").asText())) {
                return text(m.path("content"));
            }
        }
        if (body.path("prompt").isTextual()) {
            return body.path("prompt").asText();
        }
        return "";
    }

    /** Text of a message content: the string itself, or its text parts joined by a space. */
    static String text(JsonNode content) {
        if (content.isTextual()) {
            return content.asText();
        }
        if (content.isArray()) {
            StringBuilder sb = new StringBuilder();
            for (JsonNode part : content) {
                if (part.path("text").isTextual()) {
                    if (sb.length() > 0) {
                        sb.append(' ');
                    }
                    sb.append(part.path("text").asText());
                }
            }
            return sb.toString();
        }
        return "";
    }

    /** Whether the request carries {@code Authorization: Bearer <something>}. */
    public boolean hasBearer() {
        return bearer(request) != null;
    }

    /** The bearer token of a request, or {@code null}. */
    public static String bearer(HttpRequestData request) {
        String auth = request.header("Authorization");
        if (auth == null) {
            return null;
        }
        auth = auth.trim();
        if (auth.length() < 7 || !auth.substring(0, 7).equalsIgnoreCase("bearer ")) {
            return null;
        }
        String token = auth.substring(7).trim();
        return token.isEmpty() ? null : token;
    }
}
