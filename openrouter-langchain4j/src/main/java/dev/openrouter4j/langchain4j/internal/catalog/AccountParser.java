package dev.openrouter4j.langchain4j.internal.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import dev.openrouter4j.langchain4j.OpenRouterAccountClient.GenerationInfo;
import dev.openrouter4j.langchain4j.OpenRouterAccountClient.KeyInfo;
import dev.openrouter4j.langchain4j.internal.error.MalformedResponseException;
import dev.openrouter4j.langchain4j.internal.json.Json;

import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/**
 * Reads the {@code {"data":{...}}} bodies of {@code GET /key} and {@code GET /generation} into
 * {@link KeyInfo} and {@link GenerationInfo}. Lenient: absent, null or mistyped fields become null; amounts are exact
 * {@link java.math.BigDecimal}s read from the JSON text.
 */
public final class AccountParser {

    private AccountParser() {
    }

    /** The body of {@code GET /key}. */
    public static KeyInfo key(byte[] body) throws MalformedResponseException {
        JsonNode d = data(body, "/key");
        return new KeyInfo(
                Json.text(d, "label"),
                Json.decimal(d, "limit"),
                Json.decimal(d, "limit_remaining"),
                Json.text(d, "limit_reset"),
                Json.decimal(d, "usage"),
                Json.decimal(d, "usage_daily"),
                Json.decimal(d, "usage_weekly"),
                Json.decimal(d, "usage_monthly"),
                Json.bool(d, "is_free_tier"));
    }

    /** The body of {@code GET /generation}. */
    public static GenerationInfo generation(byte[] body) throws MalformedResponseException {
        JsonNode d = data(body, "/generation");
        return new GenerationInfo(
                Json.text(d, "id"),
                Json.text(d, "model"),
                Json.text(d, "provider_name"),
                Json.decimal(d, "total_cost"),
                Json.decimal(d, "upstream_inference_cost"),
                Json.integer(d, "tokens_prompt"),
                Json.integer(d, "tokens_completion"),
                Json.integer(d, "native_tokens_prompt"),
                Json.integer(d, "native_tokens_completion"),
                Json.integer(d, "native_tokens_reasoning"),
                Json.integer(d, "native_tokens_cached"),
                Json.bool(d, "streamed"),
                Json.bool(d, "cancelled"),
                Json.bool(d, "is_byok"),
                Json.text(d, "finish_reason"),
                Json.text(d, "native_finish_reason"),
                instant(Json.text(d, "created_at")));
    }

    private static JsonNode data(byte[] body, String endpoint) throws MalformedResponseException {
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(body == null ? new byte[0] : body);
        } catch (IOException e) {
            throw new MalformedResponseException("the " + endpoint + " response is not valid JSON: " + e.getMessage(), e);
        }
        JsonNode data = root == null ? null : root.get("data");
        if (data == null || !data.isObject()) {
            throw new MalformedResponseException("the " + endpoint + " response has no \"data\" object");
        }
        return data;
    }

    /** ISO-8601 with an offset ({@code 2024-07-15T23:33:19.433273+00:00}) or an instant; null when unparseable. */
    static Instant instant(String text) {
        if (text == null || text.isBlank()) return null;
        try {
            return OffsetDateTime.parse(text.trim()).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return Instant.parse(text.trim());
            } catch (DateTimeParseException e2) {
                return null;
            }
        }
    }
}
