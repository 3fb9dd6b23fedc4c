package dev.openrouter4j.langchain4j.internal.http;

import dev.openrouter4j.langchain4j.internal.util.Secrets;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;

/**
 * What {@code logRequests} and {@code logResponses} write: requests with their headers (the key masked) and bodies,
 * response bodies at INFO and stream events at DEBUG, every text scrubbed of the key. Binary bodies (audio, images,
 * multipart uploads) are logged as their size and type.
 */
public final class ExchangeLog {

    private final URI baseUri;
    private final String maskedHeaders;
    private final String apiKey;
    private final boolean requests;
    private final boolean responses;

    ExchangeLog(URI baseUri, Map<String, String> headers, TransportSettings settings) {
        this.baseUri = baseUri;
        this.apiKey = settings.apiKey();
        this.requests = settings.logRequests();
        this.responses = settings.logResponses();
        StringBuilder h = new StringBuilder();
        headers.forEach((k, v) -> h.append(k).append(": ").append(k.equalsIgnoreCase("Authorization")
                ? "Bearer " + Secrets.mask(apiKey) : Secrets.scrub(v, apiKey)).append("; "));
        this.maskedHeaders = h.toString();
    }

    public void request(String method, String path, RequestBody body) {
        if (requests && ApiClient.LOG.isInfoEnabled()) {
            ApiClient.LOG.info("OpenRouter request: {} {}{} headers: {}body: {}", method, baseUri, path,
                    maskedHeaders, body.isEmpty() ? "" : describe(body.contentType(), body.bytes()));
        }
    }

    public void response(int status, String contentType, byte[] body) {
        if (responses && ApiClient.LOG.isInfoEnabled()) {
            ApiClient.LOG.info("OpenRouter response: HTTP {} body: {}", status, describe(contentType, body));
        }
    }

    /** Whether stream events are logged (checked before building the event's text). */
    public boolean streamEvents() {
        return responses && ApiClient.LOG.isDebugEnabled();
    }

    public void streamEvent(String event, String data) {
        if (streamEvents()) {
            ApiClient.LOG.debug("OpenRouter stream event{}: {}", event == null ? "" : " (" + event + ")",
                    Secrets.scrub(data, apiKey));
        }
    }

    private String describe(String contentType, byte[] body) {
        if (!Endpoint.isText(contentType) || contentType.toLowerCase(Locale.ROOT).startsWith("multipart/")) {
            return "(" + body.length + " bytes of " + contentType + ")";
        }
        return Secrets.scrub(new String(body, StandardCharsets.UTF_8), apiKey);
    }
}
