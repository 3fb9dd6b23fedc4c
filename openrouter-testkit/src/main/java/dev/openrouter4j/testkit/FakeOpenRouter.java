package dev.openrouter4j.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import dev.openrouter4j.testkit.internal.ChatCall;
import dev.openrouter4j.testkit.internal.AudioEngine;
import dev.openrouter4j.testkit.internal.ChatEngine;
import dev.openrouter4j.testkit.internal.EmbeddingEngine;
import dev.openrouter4j.testkit.internal.ImageEngine;
import dev.openrouter4j.testkit.internal.MediaCatalog;
import dev.openrouter4j.testkit.internal.RerankEngine;
import dev.openrouter4j.testkit.internal.Errors;
import dev.openrouter4j.testkit.internal.HttpRequestData;
import dev.openrouter4j.testkit.internal.HttpServer;
import dev.openrouter4j.testkit.internal.ModelCatalog;
import dev.openrouter4j.testkit.internal.RecordingData;
import dev.openrouter4j.testkit.internal.Reply;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A fake OpenRouter ({@code https://openrouter.ai/api/v1}) over real HTTP/1.1 on 127.0.0.1, in the spirit of
 * OkHttp's MockWebServer.
 *
 * <p>It exists so that the client library's tests, the runnable samples' offline mode and users' own tests can
 * talk to something that behaves like OpenRouter, including its real error bodies and its misbehaviour
 * (in-band stream errors, cut connections, stalls), without a network or a key. It owns its sockets, so it can
 * inject transport faults a higher-level mock server cannot.
 *
 * <p>Endpoints when nothing is scripted:
 * <ul>
 *   <li>{@code POST /chat/completions}: a synthesized, deterministic answer for any model of the bundled
 *       {@code /models} snapshot (plus the demo's 2024 models), JSON or SSE as asked, with realistic usage and
 *       exact cost; tool calls when tools are offered; {@code models} fallbacks; 400 for unknown models.
 *       OpenRouter's response cache: with {@code X-OpenRouter-Cache: true} (and {@code X-OpenRouter-Cache-TTL},
 *       1 to 86400 s, default 300) the first request is a {@code MISS}, identical ones (same key, path and body
 *       bytes) until the TTL ends are a {@code HIT} with a new generation id and all usage at 0, streamed when the
 *       request streams ({@code X-OpenRouter-Cache-Status} says which); errors are never cached and scripted
 *       answers bypass the cache.</li>
 *   <li>{@code GET /models}: the bundled real snapshot (356 models, May 2026); no key needed.</li>
 *   <li>{@code POST /embeddings}: deterministic unit vectors (hashed words and trigrams: equal texts, equal
 *       vectors; texts sharing words closer than unrelated ones), floats or base64, usage and cost.</li>
 *   <li>{@code POST /rerank}: scores from word overlap with the query, sorted, {@code top_n}, search units and
 *       cost.</li>
 *   <li>{@code POST /images}: {@code n} small PNGs derived from the prompt, cost per image.</li>
 *   <li>{@code POST /audio/speech}: raw PCM (24 kHz, 16-bit) or silent MP3 frames;
 *       {@code POST /audio/transcriptions}: the text back for audio this fake synthesized, else a fixed
 *       sentence.</li>
 *   <li>{@code GET /embeddings/models}, {@code GET /images/models} and
 *       {@code GET /images/models/{author}/{slug}/endpoints}: the fake's bundled non-chat models and prices.</li>
 *   <li>Chat with {@code modalities: ["image","text"]} on a model whose snapshot entry outputs images: the answer
 *       carries {@code message.images} (a streamed one a {@code delta.images} chunk), billed as image tokens.</li>
 *   <li>{@code GET /key}: the key's info, {@code usage} being the sum of the costs served.</li>
 *   <li>{@code GET /generation?id=}: the generations it served (see {@link #generationLookupMisses}).</li>
 * </ul>
 * Chat, key, generation and the other POST endpoints need {@code Authorization: Bearer <anything>}, else 401 as
 * OpenRouter answers. The POST endpoints other than chat check their body against the request schema of
 * OpenRouter's OpenAPI specification and answer 400 naming each violation.
 *
 * <p>{@link #enqueue} scripts the answers to the next {@code POST /chat/completions} requests, first in first
 * out; {@link #replay} scripts a bundled recording of real traffic. Every request is recorded
 * ({@link #requests()}, {@link #takeRequest()}).
 *
 * <p>Threads: one I/O thread and four workers, all daemon threads named {@code fake-openrouter-*}; waiting
 * (idle keep-alive connections, delays, dribbled tokens) costs no thread. {@link #close()} ends all of them.
 * Thread-safe.
 */
public final class FakeOpenRouter implements AutoCloseable {

    private static final Duration TAKE_TIMEOUT = Duration.ofSeconds(5);

    /** The POST endpoints whose answers can be scripted with {@link #enqueue(String, FakeResponse)}. */
    public static final List<String> SCRIPTABLE_PATHS = List.of("/chat/completions", "/embeddings", "/rerank",
            "/images", "/audio/speech", "/audio/transcriptions");

    private final ChatEngine engine = new ChatEngine();
    private final EmbeddingEngine embeddings = new EmbeddingEngine(engine);
    private final RerankEngine rerank = new RerankEngine(engine);
    private final ImageEngine images = new ImageEngine(engine);
    private final AudioEngine audio = new AudioEngine(engine);
    private final ConcurrentLinkedQueue<FakeResponse> script = new ConcurrentLinkedQueue<>();
    private final Map<String, ConcurrentLinkedQueue<FakeResponse>> scripts = new ConcurrentHashMap<>();
    private final List<RecordedRequest> received = new CopyOnWriteArrayList<>();
    private final LinkedBlockingQueue<RecordedRequest> untaken = new LinkedBlockingQueue<>();
    private final HttpServer server;

    private FakeOpenRouter() {
        try {
            server = HttpServer.start(this::accept);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the fake OpenRouter on 127.0.0.1", e);
        }
    }

    /** Starts a new fake on 127.0.0.1 on a free port; it serves until {@link #close()}. */
    public static FakeOpenRouter start() {
        return new FakeOpenRouter();
    }

    /** The base URL to configure a client with: {@code http://127.0.0.1:<port>/api/v1}. */
    public String baseUrl() {
        return "http://127.0.0.1:" + server.port() + "/api/v1";
    }

    /** The port it listens on. */
    public int port() {
        return server.port();
    }

    /** Stops: closes the listening socket and all connections and ends all its threads. Idempotent. */
    @Override
    public void close() {
        server.close();
    }

    /** Adds an answer to the script for {@code POST /chat/completions}; when the script is empty, the default applies. */
    public FakeOpenRouter enqueue(FakeResponse response) {
        script.add(Objects.requireNonNull(response, "response"));
        return this;
    }

    /**
     * Adds an answer to the script of another POST endpoint, one of {@link #SCRIPTABLE_PATHS} (relative to the base
     * URL, e.g. {@code "/embeddings"}); each endpoint has its own first-in-first-out script. The error answers of
     * {@link FakeResponse} ({@link FakeResponse#error}, {@link FakeResponse#rateLimited}, ...) and the raw and
     * transport ones fit every endpoint; the synthesized chat answers ({@code text}, {@code toolCall}) only chat.
     *
     * @throws IllegalArgumentException for a path that is not scriptable
     */
    public FakeOpenRouter enqueue(String path, FakeResponse response) {
        Objects.requireNonNull(response, "response");
        String p = path == null ? "" : (path.startsWith("/") ? path : "/" + path);
        if (!SCRIPTABLE_PATHS.contains(p)) {
            throw new IllegalArgumentException("not a scriptable path: " + path + "; one of " + SCRIPTABLE_PATHS);
        }
        if (p.equals("/chat/completions")) {
            return enqueue(response);
        }
        scripts.computeIfAbsent(p, k -> new ConcurrentLinkedQueue<>()).add(response);
        return this;
    }

    /**
     * Scripts every exchange of a bundled recording, in recorded order: each following chat request gets the
     * next recorded response exactly as recorded (status, content type, body bytes), whatever it asks.
     *
     * @throws IllegalArgumentException if there is no such recording ({@link #recordingNames()})
     */
    public FakeOpenRouter replay(String recordingName) {
        script.addAll(FakeResponse.replayOf(recordingName));
        return this;
    }

    /** Every request received so far (all paths), in arrival order. */
    public List<RecordedRequest> requests() {
        return List.copyOf(received);
    }

    /**
     * The next received request not yet taken, waiting up to 5 seconds for it.
     *
     * @throws AssertionError if none arrives in time
     */
    public RecordedRequest takeRequest() {
        RecordedRequest r = takeRequest(TAKE_TIMEOUT);
        if (r == null) {
            throw new AssertionError("the fake OpenRouter received no request within " + TAKE_TIMEOUT.toSeconds()
                    + " s");
        }
        return r;
    }

    /** The next received request not yet taken, or {@code null} if none arrives within {@code timeout}. */
    public RecordedRequest takeRequest(Duration timeout) {
        try {
            return untaken.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /**
     * Back to a fresh state: clears the script, the recorded requests, the remembered generations and the key's
     * usage, and restores {@link #generationLookupMisses} and {@link #tokenDelay} to 0. Connections stay open.
     */
    public void reset() {
        script.clear();
        scripts.clear();
        audio.reset();
        received.clear();
        untaken.clear();
        engine.reset();
    }

    /** Connections currently open (accepted and not closed by either side). */
    public int openConnections() {
        return server.openConnections();
    }

    /** Names of all bundled recordings, for {@link #replay} and {@link Recording#load}. */
    public static List<String> recordingNames() {
        return RecordingData.names();
    }

    /**
     * Makes {@code GET /generation?id=} answer 404 for the first {@code n} lookups of each id, as OpenRouter does
     * for a short while after a generation ends. Default 0.
     */
    public FakeOpenRouter generationLookupMisses(int n) {
        engine.generationLookupMisses(n);
        return this;
    }

    /** Makes {@code GET /generation?id=<id>} answer {@code {"data": data}}. */
    public FakeOpenRouter putGeneration(String id, JsonNode data) {
        engine.putGeneration(Objects.requireNonNull(id, "id"), data);
        return this;
    }

    /**
     * Pause between the chunks of synthesized streams (default none), so a demo shows tokens appearing.
     * Waiting costs no thread.
     */
    public FakeOpenRouter tokenDelay(Duration delay) {
        engine.tokenDelay(delay);
        return this;
    }

    @Override
    public String toString() {
        return "FakeOpenRouter[" + baseUrl() + "]";
    }

    // ------------------------------------------------------------------ routing (I/O thread)

    private Supplier<Reply> accept(HttpRequestData request) {
        RecordedRequest recorded = new RecordedRequest(request);
        received.add(recorded);
        untaken.add(recorded);
        String path = request.path();
        if (path.length() > 1 && path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        String method = request.method();
        switch (path) {
            case "/api/v1/chat/completions": {
                if (!method.equals("POST")) {
                    return () -> methodNotAllowed();
                }
                FakeResponse scripted = script.poll();
                if (scripted != null) {
                    return () -> scripted.reply(new ChatCall(request, engine));
                }
                return () -> ChatCall.bearer(request) == null ? Errors.missingAuth()
                        : engine.defaultChat(new ChatCall(request, engine));
            }
            case "/api/v1/embeddings":
                return post(method, request, "/embeddings", embeddings::answer);
            case "/api/v1/rerank":
                return post(method, request, "/rerank", rerank::answer);
            case "/api/v1/images":
                return post(method, request, "/images", images::answer);
            case "/api/v1/audio/speech":
                return post(method, request, "/audio/speech", audio::speech);
            case "/api/v1/audio/transcriptions":
                return post(method, request, "/audio/transcriptions", audio::transcription);
            case "/api/v1/embeddings/models":
                return get(method, () -> MediaCatalog.get().embeddingsListing());
            case "/api/v1/images/models":
                return get(method, () -> MediaCatalog.get().imagesListing());
            case "/api/v1/models":
                if (!method.equals("GET")) {
                    return () -> methodNotAllowed();
                }
                return () -> Reply.json(200, ModelCatalog.get().snapshot());
            case "/api/v1/key":
                if (!method.equals("GET")) {
                    return () -> methodNotAllowed();
                }
                return () -> {
                    String bearer = ChatCall.bearer(request);
                    return bearer == null ? Errors.missingAuth() : engine.key(bearer);
                };
            case "/api/v1/generation":
                if (!method.equals("GET")) {
                    return () -> methodNotAllowed();
                }
                return () -> ChatCall.bearer(request) == null ? Errors.missingAuth() : engine.generation(request);
            default:
                if (path.startsWith("/api/v1/images/models/") && path.endsWith("/endpoints")) {
                    String id = path.substring("/api/v1/images/models/".length(), path.length() - "/endpoints".length());
                    return () -> MediaCatalog.get().imageEndpoints(id).map(b -> Reply.json(200, b))
                            .orElseGet(() -> Errors.reply(404, Errors.body(404, "Model " + id + " not found", null,
                                    false)));
                }
                return () -> Errors.simple(404, "Not Found");
        }
    }

    private Supplier<Reply> post(String method, HttpRequestData request, String path,
            Function<ChatCall, Reply> answer) {
        if (!method.equals("POST")) {
            return FakeOpenRouter::methodNotAllowed;
        }
        ConcurrentLinkedQueue<FakeResponse> queue = scripts.get(path);
        FakeResponse scripted = queue == null ? null : queue.poll();
        if (scripted != null) {
            return () -> scripted.reply(new ChatCall(request, engine));
        }
        return () -> answer.apply(new ChatCall(request, engine));
    }

    private static Supplier<Reply> get(String method, Supplier<byte[]> body) {
        if (!method.equals("GET")) {
            return FakeOpenRouter::methodNotAllowed;
        }
        return () -> Reply.json(200, body.get());
    }

    private static Reply methodNotAllowed() {
        return Errors.simple(405, "Method Not Allowed");
    }
}
