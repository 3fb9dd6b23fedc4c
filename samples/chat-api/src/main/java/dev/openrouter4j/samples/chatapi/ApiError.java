package dev.openrouter4j.samples.chatapi;

import com.fasterxml.jackson.annotation.JsonIgnore;

import java.util.List;

/**
 * One error as the API reports it.
 *
 * @param status            the HTTP status (in a stream's {@code error} event: the status it would have had)
 * @param code              a stable, machine-readable code, e.g. {@code unknown_model}, {@code body_too_large},
 *                          {@code rate_limited}
 * @param message           what is wrong and what to do, for people; never contains an API key
 * @param openrouterMessage for upstream failures, OpenRouter's own message; otherwise absent
 * @param suggestions       for an unknown model, the nearest known ids; otherwise absent
 * @param retryAfterSeconds for 429, how long to wait; otherwise absent
 * @param limitBytes        for 413, the body limit in bytes; otherwise absent
 */
public record ApiError(int status, String code, String message, String openrouterMessage, List<String> suggestions,
                       Long retryAfterSeconds, Integer limitBytes) {

    /** Scrubs the messages, so no key can leave the server. */
    public ApiError {
        message = Secrets.scrub(message);
        openrouterMessage = Secrets.scrub(openrouterMessage);
    }

    /** An error with a status, a code and a message only. */
    public static ApiError of(int status, String code, String message) {
        return new ApiError(status, code, message, null, null, null, null);
    }

    /** True for 5xx. */
    @JsonIgnore
    public boolean isServerSide() {
        return status >= 500;
    }
}
