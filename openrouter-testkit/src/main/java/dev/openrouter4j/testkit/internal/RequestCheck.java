package dev.openrouter4j.testkit.internal;

import dev.openrouter4j.testkit.OpenRouterSchemas;
import java.util.List;

/**
 * Checks a request to one of the non-chat endpoints before the fake answers it: a bearer key, a JSON object body,
 * and a body the OpenAPI specification allows for that path (else the 400 OpenRouter sends, naming the violations).
 */
final class RequestCheck {

    private RequestCheck() {
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
