package dev.openrouter4j.langchain4j.internal.http;

import dev.openrouter4j.langchain4j.internal.error.ErrorMapper;

import java.net.ConnectException;
import java.net.http.HttpConnectTimeoutException;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The one retry policy of every endpoint, sync or streamed: retry 429, 502 and 503, and connections that were never
 * established (nothing was sent, nothing billed); wait what {@code Retry-After} says, capped at
 * {@link #MAX_RETRY_AFTER}, or back off exponentially with jitter. A failure after the request may have reached
 * OpenRouter (a read timeout, a reset mid-body) is retried only when the user accepted possible double billing, and a
 * stream is never retried once its first byte arrived.
 *
 * @param maxRetries                retries after the first attempt
 * @param retryAfterPossibleBilling also retry failures after the request was sent
 */
public record RetryPolicy(int maxRetries, boolean retryAfterPossibleBilling) {

    /** The longest wait a {@code Retry-After} header can impose before a retry. */
    public static final Duration MAX_RETRY_AFTER = Duration.ofSeconds(60);

    /** No retries. */
    public static final RetryPolicy NONE = new RetryPolicy(0, false);

    /** Whether an HTTP status is worth another attempt. */
    public static boolean isRetriableStatus(int status) {
        return status == 429 || status == 502 || status == 503;
    }

    /** Whether attempt {@code attempt} (0 = the first) may be followed by another. */
    public boolean allowsAnother(int attempt) {
        return attempt < maxRetries;
    }

    /**
     * Whether a transport failure may be retried.
     *
     * @param requestMayHaveBeenSent false when the failure happened before anything reached the server
     */
    public boolean retriesTransportFailure(Throwable t, boolean requestMayHaveBeenSent) {
        return isConnectFailure(t) || (requestMayHaveBeenSent && retryAfterPossibleBilling);
    }

    /** A connection that was never established can be retried safely: nothing was sent, nothing billed. */
    public static boolean isConnectFailure(Throwable t) {
        Throwable root = ErrorMapper.unwrap(t);
        if (ErrorMapper.isUnresolvedHost(root)) {
            return false; // asking DNS again at once will not help
        }
        for (Throwable c = root; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof ConnectException || c instanceof HttpConnectTimeoutException) {
                return true;
            }
        }
        return false;
    }

    /** The delay before retry {@code attempt + 1}: the server's Retry-After (capped), else 500 ms × 2^attempt ± 20 %. */
    public Duration delay(int attempt, String retryAfterHeader) {
        Duration retryAfter = ErrorMapper.parseRetryAfter(retryAfterHeader);
        if (retryAfter != null) {
            return retryAfter.compareTo(MAX_RETRY_AFTER) > 0 ? MAX_RETRY_AFTER : retryAfter;
        }
        long base = 500L << Math.min(attempt, 6);
        double jitter = 0.8 + ThreadLocalRandom.current().nextDouble() * 0.4;
        return Duration.ofMillis((long) (base * jitter));
    }
}
