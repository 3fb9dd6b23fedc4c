package dev.openrouter4j.testkit.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The fake's behaviour when nothing is scripted: synthesizes chat completions (JSON and SSE), remembers
 * generations for {@code /generation}, and answers {@code /key}. One per server; thread-safe.
 */
public final class ChatEngine {

    /** The {@code user_id} the fake's error bodies and key carry. */
    public static final String FAKE_USER_ID = "user_2fakeOpenRouter4jTestKit0";

    /** The fake tokenizer's longest token, in characters. */
    private static final int MAX_TOKEN_CHARS = 32;
    private static final String ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final byte[] PROCESSING = ": OPENROUTER PROCESSING\n\n".getBytes(StandardCharsets.UTF_8);
    private static final byte[] DONE = "data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8);

    /** One server-sent event as bytes; {@code data} tells a {@code data:} event from a comment. */
    public record SseEvent(byte[] bytes, boolean data) {
        static SseEvent of(JsonNode payload) {
            return new SseEvent(("data: " + Json.write(payload) + "\n\n").getBytes(StandardCharsets.UTF_8), true);
        }
    }

    private static final class Generation {
        final JsonNode data;
        final AtomicInteger lookups = new AtomicInteger();

        Generation(JsonNode data) {
            this.data = data;
        }
    }

    private final ModelCatalog catalog = ModelCatalog.get();
    private final ResponseCacheSim responseCache = new ResponseCacheSim();
    private final Map<String, Generation> generations = new ConcurrentHashMap<>();
    private final Object usageLock = new Object();
    private BigDecimal usage = BigDecimal.ZERO;
    private volatile int generationLookupMisses;
    private volatile Duration tokenDelay = Duration.ZERO;

    public ModelCatalog catalog() {
        return catalog;
    }

    /** Forgets generations and usage, and restores the default settings. */
    public void reset() {
        generations.clear();
        responseCache.clear();
        synchronized (usageLock) {
            usage = BigDecimal.ZERO;
        }
        generationLookupMisses = 0;
        tokenDelay = Duration.ZERO;
    }

    public void generationLookupMisses(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("n must be >= 0: " + n);
        }
        generationLookupMisses = n;
    }

    public void tokenDelay(Duration d) {
        if (d == null || d.isNegative()) {
            throw new IllegalArgumentException("delay must be >= 0: " + d);
        }
        tokenDelay = d;
    }

    public Duration tokenDelay() {
        return tokenDelay;
    }

    /** Sum of the costs of all generations served. */
    public BigDecimal usage() {
        synchronized (usageLock) {
            return usage;
        }
    }

    // ------------------------------------------------------------------ /chat/completions, default

    public Reply defaultChat(ChatCall call) {
        ResponseCacheSim.Lookup cached = ResponseCacheSim.lookupOf(call);
        if (cached == null) {
            return answer(call);
        }
        if (cached.error() != null) {
            return cached.error();
        }
        Answer hit = responseCache.hit(cached);
        if (hit != null) {
            return ResponseCacheSim.withHeaders(render(call, hit), cached, true);
        }
        Object fresh = answerOrError(call);
        if (fresh instanceof Reply error) {
            return error; // only successful answers are cached
        }
        Answer a = (Answer) fresh;
        responseCache.store(cached, a);
        return ResponseCacheSim.withHeaders(render(call, a), cached, false);
    }

    private Reply answer(ChatCall call) {
        Object a = answerOrError(call);
        return a instanceof Reply error ? error : render(call, (Answer) a);
    }

    /** The synthesized {@link Answer} to a chat request, or the error {@link Reply} OpenRouter would give. */
    private Object answerOrError(ChatCall call) {
        JsonNode body = call.body();
        if (body == null || !body.isObject()) {
            return Errors.badRequest("Invalid JSON in request body");
        }
        JsonNode messages = body.path("messages");
        boolean hasMessages = messages.isArray() && messages.size() > 0;
        if (!hasMessages && !body.path("prompt").isTextual()) {
            return Errors.badRequest("Input required: specify \"prompt\" or \"messages\"");
        }
        if (!messages.isMissingNode() && !messages.isArray()) {
            return Errors.badRequest("Invalid messages: expected an array");
        }
        Set<String> candidates = new LinkedHashSet<>();
        if (body.path("model").isTextual() && !body.path("model").asText().isBlank()) {
            candidates.add(body.path("model").asText());
        }
        for (JsonNode m : body.path("models")) {
            if (m.isTextual() && !m.asText().isBlank()) {
                candidates.add(m.asText());
            }
        }
        if (candidates.isEmpty()) {
            candidates.add(ModelCatalog.DEFAULT_MODEL); // OpenRouter uses the account's default model
        }
        ModelCatalog.Model model = null;
        for (String id : candidates) {
            Optional<ModelCatalog.Model> found = catalog.lookup(id);
            if (found.isPresent()) {
                model = found.get();
                break;
            }
        }
        if (model == null) {
            return Errors.invalidModel(candidates.iterator().next());
        }
        return defaultAnswer(call, model);
    }

    /** The synthesized answer to a request: a tool call, a tool-result summary, structured output or an echo. */
    public Answer defaultAnswer(ChatCall call, ModelCatalog.Model model) {
        Answer a = newAnswer(call, model);
        JsonNode body = call.body() == null ? Json.object() : call.body();
        JsonNode messages = body.path("messages");
        int lastUser = -1;
        for (int i = 0; i < messages.size(); i++) {
            if ("user".equals(messages.get(i).path("role").asText())) {
                lastUser = i;
            }
        }
        List<JsonNode> toolResults = new ArrayList<>();
        for (int i = lastUser + 1; i < messages.size(); i++) {
            if ("tool".equals(messages.get(i).path("role").asText())) {
                toolResults.add(messages.get(i));
            }
        }
        String userText = call.lastUserText();
        JsonNode tools = body.path("tools");
        JsonNode toolChoice = body.path("tool_choice");
        if (tools.isArray() && tools.size() > 0 && toolResults.isEmpty() && !"none".equals(toolChoice.asText())) {
            JsonNode tool = pickTool(tools, toolChoice);
            if (tool != null) {
                JsonNode fn = tool.path("function");
                JsonNode args = SchemaFiller.fill(fn.path("parameters"), userText, true);
                if (!args.isObject()) {
                    args = Json.object();
                }
                toolCall(a, fn.path("name").asText("tool"), Json.write(args));
                return a;
            }
        }
        String text;
        if (!toolResults.isEmpty()) {
            StringBuilder sb = new StringBuilder("[fake ").append(a.model).append("]");
            for (JsonNode result : toolResults) {
                sb.append(" The ").append(toolName(messages, result.path("tool_call_id").asText()))
                        .append(" tool returned: ").append(abbreviate(ChatCall.text(result.path("content")), 200))
                        .append('.');
            }
            text = sb.toString();
        } else {
            JsonNode format = body.path("response_format");
            String echo = userText.isBlank() ? "Hello! How can I help you today?"
                    : "You said: " + abbreviate(userText.strip(), 200);
            if ("json_schema".equals(format.path("type").asText())) {
                text = Json.write(SchemaFiller.fill(format.path("json_schema").path("schema"), userText, false));
            } else if ("json_object".equals(format.path("type").asText())) {
                ObjectNode o = Json.object();
                o.put("model", a.model);
                o.put("answer", echo);
                text = Json.write(o);
            } else {
                text = "[fake " + a.model + "] " + echo;
            }
        }
        text(a, text);
        int max = maxTokens(body);
        if (max > 0 && a.pieces.size() > max) {
            a.pieces = new ArrayList<>(a.pieces.subList(0, max));
            a.content = String.join("", a.pieces);
            a.finishReason = "length";
            a.nativeFinishReason = "length";
            a.completionTokens = max;
            a.computeCost();
        }
        return a;
    }

    private static JsonNode pickTool(JsonNode tools, JsonNode toolChoice) {
        String wanted = toolChoice.path("function").path("name").asText(null);
        for (JsonNode t : tools) {
            if (!t.path("function").isObject()) {
                continue; // server tools such as openrouter:web_search
            }
            if (wanted == null || wanted.equals(t.path("function").path("name").asText())) {
                return t;
            }
        }
        return null;
    }

    private static String toolName(JsonNode messages, String toolCallId) {
        for (JsonNode m : messages) {
            for (JsonNode tc : m.path("tool_calls")) {
                if (tc.path("id").asText().equals(toolCallId)) {
                    return tc.path("function").path("name").asText("tool");
                }
            }
        }
        return "tool";
    }

    private static int maxTokens(JsonNode body) {
        JsonNode n = body.path("max_completion_tokens");
        if (!n.canConvertToInt()) {
            n = body.path("max_tokens");
        }
        return n.canConvertToInt() ? n.asInt() : 0;
    }

    /** A fresh answer for the request's model (unknown models served as named, at no cost). */
    public Answer newAnswer(ChatCall call) {
        return newAnswer(call, catalog.lookupLenient(call.requestedModel()));
    }

    Answer newAnswer(ChatCall call, ModelCatalog.Model model) {
        Answer a = new Answer();
        a.id = newGenerationId();
        a.created = Instant.now().getEpochSecond();
        a.model = model.served();
        a.provider = ModelCatalog.providerFor(model.served());
        a.price = model.price();
        a.promptTokens = promptTokens(call.body());
        return a;
    }

    /** Makes {@code a} a text answer with this content, finish reason stop. */
    public static void text(Answer a, String content) {
        a.content = content;
        a.pieces = tokenize(content);
        a.completionTokens = a.pieces.size();
        a.toolName = null;
        a.finishReason = "stop";
        a.nativeFinishReason = "stop";
        a.computeCost();
    }

    /** Makes {@code a} a call of one tool. */
    public static void toolCall(Answer a, String name, String arguments) {
        a.content = "";
        a.pieces = new ArrayList<>();
        a.toolCallId = "call_" + random(24);
        a.toolName = name;
        a.toolArguments = arguments;
        a.finishReason = "tool_calls";
        a.nativeFinishReason = "tool_calls";
        a.completionTokens = Math.max(1, (name.length() + arguments.length() + 3) / 4);
        a.computeCost();
    }

    /** Prompt tokens: all message text (and a legacy {@code prompt}), 4 characters a token, at least 1. */
    static int promptTokens(JsonNode body) {
        long chars = 0;
        if (body != null) {
            for (JsonNode m : body.path("messages")) {
                chars += ChatCall.text(m.path("content")).length();
            }
            if (body.path("prompt").isTextual()) {
                chars += body.path("prompt").asText().length();
            }
        }
        return (int) Math.max(1, (chars + 3) / 4);
    }

    /**
     * The fake's tokenizer: a token is a run of whitespace plus the following word ("Hello", " world"), and
     * words longer than 32 characters count one token per 32. Concatenated, the tokens give the text back.
     */
    public static List<String> tokenize(String text) {
        List<String> out = new ArrayList<>();
        int n = text.length();
        int i = 0;
        while (i < n) {
            int start = i;
            while (i < n && Character.isWhitespace(text.charAt(i))) {
                i++;
            }
            int wordStart = i;
            while (i < n && !Character.isWhitespace(text.charAt(i))) {
                i++;
            }
            int pos = start;
            int limit = wordStart;
            while (true) {
                int end = text.offsetByCodePoints(limit, Math.min(MAX_TOKEN_CHARS, text.codePointCount(limit, i)));
                if (end >= i) {
                    out.add(text.substring(pos, i));
                    break;
                }
                out.add(text.substring(pos, end));
                pos = end;
                limit = end;
            }
        }
        return out;
    }

    /** At most {@code max} characters; longer text is cut and ends with an ellipsis. */
    public static String abbreviate(String s, int max) {
        if (s.codePointCount(0, s.length()) <= max) {
            return s;
        }
        return s.substring(0, s.offsetByCodePoints(0, max - 1)) + "\u2026";
    }

    public static String newGenerationId() {
        return "gen-" + Instant.now().getEpochSecond() + "-" + random(20);
    }

    public static String random(int n) {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        StringBuilder sb = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            sb.append(ALNUM.charAt(r.nextInt(ALNUM.length())));
        }
        return sb.toString();
    }

    // ------------------------------------------------------------------ rendering

    /** Writes the answer as the request asked (JSON or SSE) and remembers the generation. */
    public Reply render(ChatCall call, Answer a) {
        remember(call, a, call.stream());
        if (call.stream()) {
            return sse(streamEvents(a, true), tokenDelay);
        }
        return Reply.json(200, Json.bytes(result(a)));
    }

    /** The {@code ChatResult} JSON of an answer. */
    public static ObjectNode result(Answer a) {
        ObjectNode root = Json.object();
        root.put("id", a.id);
        root.put("provider", a.provider);
        root.put("model", a.model);
        root.put("object", "chat.completion");
        root.put("created", a.created);
        ObjectNode choice = root.putArray("choices").addObject();
        choice.putNull("logprobs");
        choice.put("finish_reason", a.finishReason);
        choice.put("native_finish_reason", a.nativeFinishReason);
        choice.put("index", 0);
        ObjectNode message = choice.putObject("message");
        message.put("role", "assistant");
        message.put("content", a.content);
        message.putNull("refusal");
        message.putNull("reasoning");
        if (a.isToolCall()) {
            ObjectNode tc = message.putArray("tool_calls").addObject();
            tc.put("id", a.toolCallId);
            tc.put("index", 0);
            tc.put("type", "function");
            ObjectNode fn = tc.putObject("function");
            fn.put("name", a.toolName);
            fn.put("arguments", a.toolArguments);
        }
        root.putNull("system_fingerprint");
        root.set("usage", usage(a));
        return root;
    }

    /** The {@code usage} object: tokens, exact cost and its split, as OpenRouter reports it. */
    public static ObjectNode usage(Answer a) {
        ObjectNode u = Json.object();
        u.put("prompt_tokens", a.promptTokens);
        u.put("completion_tokens", a.completionTokens);
        u.put("total_tokens", a.promptTokens + a.completionTokens);
        u.put("cost", a.cost);
        u.put("is_byok", false);
        ObjectNode ptd = u.putObject("prompt_tokens_details");
        ptd.put("cached_tokens", 0);
        ptd.put("cache_write_tokens", 0);
        ptd.put("audio_tokens", 0);
        ptd.put("video_tokens", 0);
        ObjectNode cd = u.putObject("cost_details");
        cd.putNull("upstream_inference_cost");
        cd.put("upstream_inference_prompt_cost", a.promptCost);
        cd.put("upstream_inference_completions_cost", a.completionCost);
        ObjectNode ctd = u.putObject("completion_tokens_details");
        ctd.put("reasoning_tokens", 0);
        ctd.put("image_tokens", 0);
        ctd.put("audio_tokens", 0);
        return u;
    }

    /** Start of every chunk: id, provider, model, object, created. */
    public static ObjectNode chunk(Answer a) {
        ObjectNode c = Json.object();
        c.put("id", a.id);
        c.put("provider", a.provider);
        c.put("model", a.model);
        c.put("object", "chat.completion.chunk");
        c.put("created", a.created);
        return c;
    }

    /** A chunk with one choice whose delta carries the role and the given content. */
    public static ObjectNode contentChunk(Answer a, String content, String finishReason) {
        ObjectNode c = chunk(a);
        ObjectNode choice = c.putArray("choices").addObject();
        choice.put("index", 0);
        ObjectNode delta = choice.putObject("delta");
        delta.put("role", "assistant");
        delta.put("content", content);
        choice.put("finish_reason", finishReason);
        choice.put("native_finish_reason", finishReason == null ? null : a.nativeFinishReason);
        choice.putNull("logprobs");
        return c;
    }

    private static ObjectNode toolChunk(Answer a, boolean first, String argumentsPart) {
        ObjectNode c = chunk(a);
        ObjectNode choice = c.putArray("choices").addObject();
        choice.put("index", 0);
        ObjectNode delta = choice.putObject("delta");
        delta.put("role", "assistant");
        delta.putNull("content");
        ObjectNode tc = delta.putArray("tool_calls").addObject();
        tc.put("index", 0);
        tc.put("id", a.toolCallId); // OpenRouter repeats the id in every tool-call chunk
        tc.put("type", "function");
        ObjectNode fn = tc.putObject("function");
        if (first) {
            fn.put("name", a.toolName);
        }
        fn.put("arguments", argumentsPart);
        choice.putNull("finish_reason");
        choice.putNull("native_finish_reason");
        choice.putNull("logprobs");
        return c;
    }

    /** The final chunk: no choices, the usage. */
    public static ObjectNode usageChunk(Answer a) {
        ObjectNode c = chunk(a);
        c.putArray("choices");
        c.set("usage", usage(a));
        return c;
    }

    /**
     * The events of a streamed answer: two processing comments, the role chunk, content (or tool-call)
     * chunks with one more comment half-way, the finish chunk, the usage chunk, and {@code [DONE]} if asked.
     */
    public static List<SseEvent> streamEvents(Answer a, boolean done) {
        List<SseEvent> events = new ArrayList<>();
        events.add(comment());
        events.add(comment());
        events.add(SseEvent.of(contentChunk(a, "", null)));
        if (a.isToolCall()) {
            events.add(SseEvent.of(toolChunk(a, true, "")));
            String args = a.toolArguments;
            int parts = Math.min(3, Math.max(1, args.length()));
            int size = (args.length() + parts - 1) / Math.max(1, parts);
            for (int i = 0; i < args.length(); i += Math.max(1, size)) {
                events.add(SseEvent.of(toolChunk(a, false, args.substring(i, Math.min(args.length(), i + size)))));
            }
        } else {
            int half = a.pieces.size() > 4 ? a.pieces.size() / 2 : -1;
            for (int i = 0; i < a.pieces.size(); i++) {
                if (i == half) {
                    events.add(comment());
                }
                events.add(SseEvent.of(contentChunk(a, a.pieces.get(i), null)));
            }
        }
        events.add(SseEvent.of(contentChunk(a, "", a.finishReason)));
        events.add(SseEvent.of(usageChunk(a)));
        if (done) {
            events.add(done());
        }
        return events;
    }

    public static SseEvent comment() {
        return new SseEvent(PROCESSING, false);
    }

    public static SseEvent done() {
        return new SseEvent(DONE, true);
    }

    /** An SSE response: one HTTP chunk per event, {@code between} before each data event after the first. */
    public static Reply sse(List<SseEvent> events, Duration between) {
        Reply r = sseHead();
        boolean first = true;
        for (SseEvent e : events) {
            if (e.data()) {
                if (!first) {
                    r.pause(between);
                }
                first = false;
            }
            r.data(e.bytes());
        }
        return r;
    }

    public static Reply sseHead() {
        return Reply.status(200)
                .header("Content-Type", "text/event-stream")
                .header("Cache-Control", "no-cache")
                .chunked();
    }

    // ------------------------------------------------------------------ /generation

    /** Remembers a served generation for {@code /generation} and adds its cost to the key's usage. */
    public void remember(ChatCall call, Answer a, boolean streamed) {
        ObjectNode d = Json.object();
        d.put("id", a.id);
        d.put("upstream_id", "chatcmpl-" + random(24));
        d.put("total_cost", a.cost);
        d.putNull("cache_discount");
        d.putNull("upstream_inference_cost");
        d.put("created_at", DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(
                Instant.ofEpochSecond(a.created).atOffset(ZoneOffset.UTC)));
        d.put("model", a.model);
        d.putNull("app_id");
        d.put("streamed", streamed);
        d.put("cancelled", false);
        d.put("provider_name", a.provider);
        d.put("latency", 180);
        d.putNull("moderation_latency");
        d.put("generation_time", 120);
        d.put("finish_reason", a.finishReason);
        d.put("native_finish_reason", a.nativeFinishReason);
        d.putNull("service_tier");
        d.put("tokens_prompt", a.promptTokens);
        d.put("tokens_completion", a.completionTokens);
        d.put("native_tokens_prompt", a.promptTokens);
        d.put("native_tokens_completion", a.completionTokens);
        d.put("native_tokens_completion_images", 0);
        d.put("native_tokens_reasoning", 0);
        d.put("native_tokens_cached", 0);
        d.putNull("num_media_prompt");
        d.putNull("num_input_audio_prompt");
        d.put("num_media_completion", 0);
        d.putNull("num_search_results");
        d.putNull("num_fetches");
        d.putNull("web_search_engine");
        String referer = call.request().header("HTTP-Referer");
        d.put("origin", referer == null ? "" : referer);
        d.put("usage", a.cost);
        d.put("is_byok", false);
        JsonNode body = call.body();
        String user = body != null && body.path("user").isTextual() ? body.path("user").asText() : null;
        d.put("external_user", user);
        d.put("api_type", "completions");
        d.putNull("preset_id");
        d.putNull("router");
        d.putNull("provider_responses");
        d.put("user_agent", call.request().header("User-Agent"));
        d.put("http_referer", referer);
        d.put("data_region", "global");
        d.putNull("workspace_id");
        d.put("request_id", "req-" + a.created + "-" + random(20));
        String session = body != null && body.path("session_id").isTextual() ? body.path("session_id").asText() : null;
        d.put("session_id", session);
        generations.put(a.id, new Generation(d));
        synchronized (usageLock) {
            usage = usage.add(a.cost);
        }
    }

    /** Stores generation data for {@code /generation?id=}; a {@code {"data":{...}}} wrapper is unwrapped. */
    public void putGeneration(String id, JsonNode data) {
        JsonNode d = data;
        if (d != null && d.size() == 1 && d.path("data").isObject()) {
            d = d.get("data");
        }
        generations.put(id, new Generation(d == null ? Json.object() : d.deepCopy()));
    }

    public Reply generation(HttpRequestData request) {
        String id = queryParam(request.target(), "id");
        if (id == null || id.isBlank()) {
            return Errors.reply(400, Errors.body(400, "Missing required parameter: id", null, true));
        }
        Generation g = generations.get(id);
        if (g == null || g.lookups.getAndIncrement() < generationLookupMisses) {
            return Errors.reply(404, Errors.body(404, "Generation " + id + " not found", null, true));
        }
        ObjectNode root = Json.object();
        root.set("data", g.data);
        return Reply.json(200, Json.bytes(root));
    }

    static String queryParam(String target, String name) {
        int q = target.indexOf('?');
        if (q < 0) {
            return null;
        }
        for (String pair : target.substring(q + 1).split("&")) {
            int eq = pair.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            if (k.equals(name)) {
                return eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    // ------------------------------------------------------------------ /key

    public Reply key(String bearer) {
        BigDecimal used = usage();
        ObjectNode root = Json.object();
        ObjectNode d = root.putObject("data");
        d.put("label", maskKey(bearer));
        d.putNull("limit");
        d.putNull("limit_remaining");
        d.putNull("limit_reset");
        d.put("include_byok_in_limit", false);
        d.put("usage", used);
        d.put("usage_daily", used);
        d.put("usage_weekly", used);
        d.put("usage_monthly", used);
        d.put("byok_usage", 0);
        d.put("byok_usage_daily", 0);
        d.put("byok_usage_weekly", 0);
        d.put("byok_usage_monthly", 0);
        d.put("is_free_tier", false);
        d.put("is_management_key", false);
        d.put("is_provisioning_key", false);
        d.putNull("expires_at");
        d.put("creator_user_id", FAKE_USER_ID);
        ObjectNode rl = d.putObject("rate_limit");
        rl.put("requests", -1);
        rl.put("interval", "10s");
        rl.put("note", "This field is deprecated and safe to ignore.");
        return Reply.json(200, Json.bytes(root));
    }

    /** {@code sk-or-v1-abc...xyz}: the key's first 12 and last 3 characters, as OpenRouter labels keys. */
    static String maskKey(String key) {
        if (key.length() <= 15) {
            return key.substring(0, Math.min(3, key.length())) + "...";
        }
        return key.substring(0, 12) + "..." + key.substring(key.length() - 3);
    }
}
