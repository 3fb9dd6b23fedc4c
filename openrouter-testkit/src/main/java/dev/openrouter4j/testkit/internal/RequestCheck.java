package dev.openrouter4j.testkit.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.openrouter4j.testkit.OpenRouterSchemas;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Checks a request to one of the non-chat endpoints before the fake answers it: a bearer key, a JSON object body,
 * and a body the OpenAPI specification allows for that path (else the 400 OpenRouter sends, naming the violations).
 */
final class RequestCheck {

    private RequestCheck() {
    }

    /** A request that may be answered (its body and model), or the error reply that answers it instead. */
    record Checked(JsonNode body, MediaCatalog.Entry model, Reply error) {
    }

    /**
     * Checks the request, then looks its {@code model} up; an unknown model is answered as OpenRouter does
     * ({@code 400 "<id> is not a valid model ID"}).
     */
    static Checked check(String path, ChatCall call, Function<String, Optional<MediaCatalog.Entry>> lookup) {
        Reply invalid = check(path, call);
        if (invalid != null) {
            return new Checked(null, null, invalid);
        }
        String modelId = call.body().path("model").asText();
        Optional<MediaCatalog.Entry> model = lookup.apply(modelId);
        return model.map(m -> new Checked(call.body(), m, null))
                .orElseGet(() -> new Checked(null, null, Errors.invalidModel(modelId)));
    }

    /** {@code null} when the request may be answered, else the error reply. */
    static Reply check(String path, ChatCall call) {
        if (!call.hasBearer()) {
            return Errors.missingAuth();
        }
        if (call.body() == null || !call.body().isObject()) {
            return Errors.badRequest("Invalid JSON in request body");
        }
        List<String> violations = OpenRouterSchemas.validateRequest(path, Json.write(call.body()));
        if (!violations.isEmpty()) {
            return Errors.badRequest("Invalid request parameters: " + String.join("; ", violations));
        }
        return null;
    }
}
