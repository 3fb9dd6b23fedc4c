package dev.openrouter4j.langchain4j.internal.endpoint;

import dev.openrouter4j.langchain4j.exception.OpenRouterErrorDetails;
import dev.openrouter4j.langchain4j.exception.OpenRouterFailure;
import dev.openrouter4j.langchain4j.exception.OpenRouterModelNotFoundException;

/**
 * Names the batch in the message of a failure of one request of a split call ("batch 2 of 3, inputs 128..255"),
 * keeping the exception's type and details so callers still catch {@code RateLimitException} and friends. The
 * original exception is the cause.
 */
public final class BatchFailure {

    private BatchFailure() {
    }

    public static RuntimeException withBatch(RuntimeException e, int batch, int batches, int from, int to) {
        String where = "batch " + batch + " of " + batches + " (inputs " + from + ".." + to + "): ";
        if (!(e instanceof OpenRouterFailure f)) {
            e.addSuppressed(new IllegalStateException("failed in " + where.substring(0, where.length() - 2)));
            return e;
        }
        String message = where + e.getMessage();
        OpenRouterErrorDetails d = f.details();
        if (e instanceof OpenRouterModelNotFoundException nf) {
            return new OpenRouterModelNotFoundException(message, d, nf.suggestions(), e);
        }
        try {
            return e.getClass().getConstructor(String.class, OpenRouterErrorDetails.class, Throwable.class)
                    .newInstance(message, d, e);
        } catch (ReflectiveOperationException | RuntimeException unexpected) {
            e.addSuppressed(new IllegalStateException("failed in " + where.substring(0, where.length() - 2)));
            return e;
        }
    }
}
