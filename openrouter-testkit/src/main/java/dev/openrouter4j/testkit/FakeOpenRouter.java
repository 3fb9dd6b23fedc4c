package dev.openrouter4j.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import dev.openrouter4j.testkit.internal.ChatCall;
import dev.openrouter4j.testkit.internal.ChatEngine;
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
import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
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
 *   <li>{@code GET /key}: the key's info, {@code usage} being the sum of the costs served.</li>
 *   <li>{@code GET /generation?id=}: the generations it served (see {@link #generationLookupMisses}).</li>
 * </ul>
 * Chat, key and generation need {@code Authorization: Bearer <anything>}, else 401 as OpenRouter answers.
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

    private final ChatEngine engine = new ChatEngine();
    private final ConcurrentLinkedQueue<FakeResponse> script = new ConcurrentLinkedQueue<>();
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
                return () -> Errors.simple(404, "Not Found");
        }
    }

    private static Reply methodNotAllowed() {
        return Errors.simple(405, "Method Not Allowed");
    }
}
