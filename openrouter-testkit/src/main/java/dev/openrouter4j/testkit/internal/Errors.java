package dev.openrouter4j.testkit.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** OpenRouter's error bodies, shaped as the real service sends them ({@code {"error":{code,message,metadata?}}}). */
public final class Errors {

    private Errors() {
    }

    public static ObjectNode body(int code, String message, ObjectNode metadata, boolean userId) {
        ObjectNode root = Json.object();
        ObjectNode error = root.putObject("error");
        error.put("code", code);
        error.put("message", message);
        if (metadata != null) {
            error.set("metadata", metadata);
        }
        if (userId) {
            root.put("user_id", ChatEngine.FAKE_USER_ID);
        }
        return root;
    }

    public static Reply reply(int status, ObjectNode body) {
        return Reply.json(status, Json.bytes(body));
    }

    public static Reply simple(int status, String message) {
        return reply(status, body(status, message, null, false));
    }

    /** The body OpenRouter sends for the status, for the given request. */
    public static Reply canonical(int status, ChatCall call) {
        return switch (status) {
            case 400 -> badRequest("Invalid request parameters");
            case 401 -> unauthorized(call);
            case 402 -> insufficientCredits();
            case 403 -> moderation(List.of("harassment"), call);
            case 404 -> noEndpoints(modelOf(call));
            case 408 -> requestTimeout();
            case 409 -> simple(409, "Resource conflict. Please try again later.");
            case 413 -> payloadTooLarge();
            case 422 -> simple(422, "Invalid argument");
            case 429 -> platformRateLimit();
            case 500 -> serverError();
            case 502 -> badGateway(call);
            case 503 -> noProvider();
            case 524 -> edgeTimeout();
            case 529 -> overloaded(call);
            default -> simple(status, Reply.reason(status));
        };
    }

    static String modelOf(ChatCall call) {
        String m = call == null ? null : call.requestedModel();
        return m == null ? ModelCatalog.DEFAULT_MODEL : m;
    }

    public static Reply badRequest(String message) {
        return reply(400, body(400, message, null, true));
    }

    public static Reply invalidModel(String modelId) {
        return reply(400, body(400, modelId + " is not a valid model ID", null, true));
    }

    public static Reply noEndpoints(String modelId) {
        return reply(404, body(404, "No endpoints found for " + modelId + ".", null, true));
    }

    /** 404 {@code "No endpoints found <why>."}, e.g. for output modalities the model lacks. */
    public static Reply noEndpointsThat(String why) {
        return reply(404, body(404, "No endpoints found " + why + ".", null, true));
    }

    /** 401: "No auth credentials found" without a bearer token, "User not found." with an unknown one. */
    public static Reply unauthorized(ChatCall call) {
        if (call == null || !call.hasBearer()) {
            return missingAuth();
        }
        return reply(401, body(401, "User not found.", null, false));
    }

    public static Reply missingAuth() {
        return reply(401, body(401, "No auth credentials found", null, false));
    }

    public static Reply insufficientCredits() {
        ObjectNode meta = Json.object();
        meta.putNull("provider_name");
        return reply(402, body(402, "This request requires more credits, or fewer max_tokens. You requested up to "
                + "32000 tokens, but can only afford 27342. To increase, visit https://openrouter.ai/settings/credits "
                + "and add more credits", meta, true));
    }

    public static Reply moderation(List<String> reasons, ChatCall call) {
        String model = modelOf(call);
        ObjectNode meta = Json.object();
        meta.putArray("reasons").addAll(reasons.stream().map(r -> Json.MAPPER.getNodeFactory().textNode(r)).toList());
        meta.put("flagged_input", flagged(call == null ? "" : call.lastUserText()));
        meta.put("provider_name", ModelCatalog.providerFor(model));
        meta.put("model_slug", model);
        return reply(403, body(403, model + " requires moderation on OpenRouter. Your input was flagged for \""
                + String.join(", ", reasons) + "\"", meta, true));
    }

    /** At most 100 characters, cut in the middle as OpenRouter does. */
    static String flagged(String input) {
        if (input.length() <= 100) {
            return input;
        }
        return input.substring(0, 48) + "..." + input.substring(input.length() - 49);
    }

    public static Reply guardrail() {
        ObjectNode meta = Json.object();
        meta.put("error_type", "permission_denied");
        meta.put("permission", "guardrail");
        meta.putArray("patterns").add("prompt_injection").add("ignore_previous_instructions");
        return reply(403, body(403, "Request blocked: prompt injection patterns detected", meta, true));
    }

    public static Reply requestTimeout() {
        ObjectNode meta = Json.object();
        meta.put("error_type", "timeout");
        return reply(408, body(408, "Operation timed out. Please try again later.", meta, true));
    }

    public static Reply contextTooLong() {
        ObjectNode meta = Json.object();
        meta.put("error_type", "context_length_exceeded");
        meta.putNull("provider_name");
        return reply(400, body(400, "This endpoint's maximum context length is 128000 tokens. However, you requested "
                + "about 153012 tokens (149012 of text input, 4000 in the output). Please reduce the length of either "
                + "one, or use the \"middle-out\" transform to compress your prompt automatically.", meta, true));
    }

    public static Reply payloadTooLarge() {
        ObjectNode meta = Json.object();
        meta.put("error_type", "payload_too_large");
        return reply(413, body(413, "Request payload too large", meta, false));
    }

    /** 429 from the provider, shaped like the real recording, with {@code Retry-After}. */
    public static Reply rateLimited(int retryAfterSeconds, ChatCall call) {
        String model = call == null || call.requestedModel() == null ? "google/gemini-2.0-flash-exp:free"
                : call.requestedModel();
        ObjectNode meta = Json.object();
        meta.put("provider_name", ModelCatalog.providerFor(model));
        meta.put("raw", model + " is temporarily rate-limited upstream. Please retry shortly, or add your own key to "
                + "accumulate your rate limits: https://openrouter.ai/settings/integrations");
        return reply(429, body(429, "Provider returned error", meta, true))
                .header("Retry-After", Integer.toString(retryAfterSeconds));
    }

    /** 429 from OpenRouter's own per-key limits, with the {@code X-RateLimit-*} headers. */
    public static Reply platformRateLimit() {
        String reset = Long.toString((System.currentTimeMillis() / 60_000 + 1) * 60_000);
        ObjectNode meta = Json.object();
        ObjectNode headers = meta.putObject("headers");
        headers.put("X-RateLimit-Limit", "20");
        headers.put("X-RateLimit-Remaining", "0");
        headers.put("X-RateLimit-Reset", reset);
        meta.putNull("provider_name");
        return reply(429, body(429, "Rate limit exceeded: free-models-per-min. ", meta, true))
                .header("X-RateLimit-Limit", "20")
                .header("X-RateLimit-Remaining", "0")
                .header("X-RateLimit-Reset", reset);
    }

    public static Reply serverError() {
        return reply(500, body(500, "Internal Server Error", null, false));
    }

    public static Reply badGateway(ChatCall call) {
        String model = modelOf(call);
        ObjectNode meta = Json.object();
        meta.put("provider_name", ModelCatalog.providerFor(model));
        meta.put("raw", "{\"error\":{\"message\":\"The server had an error while processing your request. Sorry about "
                + "that!\",\"type\":\"server_error\"}}");
        return reply(502, body(502, "Provider returned error", meta, true));
    }

    public static Reply noProvider() {
        ObjectNode meta = Json.object();
        meta.put("error_type", "provider_unavailable");
        return reply(503, body(503, "No allowed providers are available for the selected model.", meta, true));
    }

    public static Reply edgeTimeout() {
        return reply(524, body(524, "Request timed out. Please try again later.", null, false));
    }

    public static Reply overloaded(ChatCall call) {
        String model = modelOf(call);
        ObjectNode meta = Json.object();
        meta.put("error_type", "provider_overloaded");
        meta.put("provider_name", ModelCatalog.providerFor(model));
        meta.put("raw", "{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}");
        return reply(529, body(529, "Provider returned error", meta, true));
    }

    /** HTTP 200 whose body is an error object and has no {@code choices}. */
    public static Reply ok200ErrorBody(ChatCall call) {
        String model = modelOf(call);
        ObjectNode meta = Json.object();
        meta.put("provider_name", ModelCatalog.providerFor(model));
        meta.put("raw", "upstream connection closed before a response was sent");
        return reply(200, body(502, "Provider returned error", meta, true));
    }

    /** A Cloudflare-style HTML error page, as an edge in front of OpenRouter would send it. */
    public static Reply htmlPage(int status) {
        String reason = Reply.reason(status);
        String ray = Long.toHexString(Double.doubleToLongBits(Math.random())).substring(0, 16);
        String html = "<!DOCTYPE html>\n"
                + "<!--[if lt IE 7]> <html class=\"no-js ie6 oldie\" lang=\"en-US\"> <![endif]-->\n"
                + "<!--[if gt IE 8]><!--> <html class=\"no-js\" lang=\"en-US\"> <!--<![endif]-->\n"
                + "<head>\n<title>openrouter.ai | " + status + ": " + reason + "</title>\n"
                + "<meta charset=\"UTF-8\" />\n"
                + "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=UTF-8\" />\n"
                + "<meta name=\"robots\" content=\"noindex, nofollow\" />\n"
                + "</head>\n<body>\n<div id=\"cf-wrapper\">\n<div id=\"cf-error-details\" class=\"p-0\">\n"
                + "<header class=\"mx-auto pt-10 lg:pt-6 lg:px-8 w-240 lg:w-full mb-8\">\n"
                + "<h1 class=\"inline-block sm:block sm:mb-2 font-light text-60 lg:text-4xl text-black-dark "
                + "leading-tight mr-2\"><span class=\"inline-block\">" + reason + "</span>\n"
                + "<span class=\"code-label\">Error code " + status + "</span></h1>\n</header>\n"
                + "<div class=\"my-8 bg-gradient-gray\"><p>The web server reported a " + reason.toLowerCase()
                + " error.</p></div>\n"
                + "<div class=\"cf-error-footer\"><p>Cloudflare Ray ID: <strong class=\"font-semibold\">" + ray
                + "</strong> &bull; Performance &amp; security by Cloudflare</p></div>\n"
                + "</div>\n</div>\n</body>\n</html>\n";
        return Reply.status(status)
                .header("Content-Type", "text/html; charset=UTF-8")
                .header("Server", "cloudflare")
                .header("CF-RAY", ray + "-FRA")
                .data(html.getBytes(StandardCharsets.UTF_8));
    }
}
