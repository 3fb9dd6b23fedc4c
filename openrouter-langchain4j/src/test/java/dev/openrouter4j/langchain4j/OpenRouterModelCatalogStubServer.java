package dev.openrouter4j.langchain4j;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A tiny scriptable HTTP server on loopback for the catalog and account tests that need what the shared fake does
 * not offer: failing a {@code /models} refresh on demand, slow answers, and the exact request line and headers.
 */
final class OpenRouterModelCatalogStubServer implements AutoCloseable {

    /** A canned answer. */
    record Reply(int status, String contentType, String body, long delayMillis) {
        static Reply json(int status, String body) {
            return new Reply(status, "application/json", body, 0);
        }

        Reply delayed(long millis) {
            return new Reply(status, contentType, body, millis);
        }
    }

    /** What the server received. */
    record Request(String method, String uri, String protocol, Headers headers) {
        String header(String name) {
            return headers.getFirst(name);
        }
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final AtomicReference<Reply> reply = new AtomicReference<>(Reply.json(404, "{}"));
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final Queue<Reply> queue = new ConcurrentLinkedQueue<>();

    OpenRouterModelCatalogStubServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(executor);
        server.createContext("/", exchange -> {
            try (exchange) {
                requests.add(new Request(exchange.getRequestMethod(), exchange.getRequestURI().toString(),
                        exchange.getProtocol(), exchange.getRequestHeaders()));
                Reply queued = queue.poll();
                Reply r = queued != null ? queued : reply.get();
                if (r.delayMillis() > 0) {
                    Thread.sleep(r.delayMillis());
                }
                byte[] body = r.body().getBytes(StandardCharsets.UTF_8);
                if (r.contentType() != null) exchange.getResponseHeaders().add("Content-Type", r.contentType());
                exchange.sendResponseHeaders(r.status(), body.length == 0 ? -1 : body.length);
                if (body.length > 0) {
                    try (OutputStream out = exchange.getResponseBody()) {
                        out.write(body);
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        server.start();
    }

    /** {@code http://127.0.0.1:<port>/api/v1}. */
    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/api/v1";
    }

    /** The answer to every request from now on (after any queued ones). */
    void always(Reply r) {
        reply.set(r);
    }

    /** Answers for the next requests, in order. */
    void enqueue(Reply... replies) {
        queue.addAll(List.of(replies));
    }

    List<Request> requests() {
        return List.copyOf(requests);
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
