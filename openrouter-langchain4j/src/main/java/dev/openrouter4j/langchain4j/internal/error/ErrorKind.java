package dev.openrouter4j.langchain4j.internal.error;

/**
 * What a failed OpenRouter call means to the caller. Each kind has exactly one exception type and one message text
 * (built in {@link ErrorMapper}); {@link ErrorClassifier} decides the kind.
 */
enum ErrorKind {
    AUTHENTICATION,
    INSUFFICIENT_CREDITS,
    MODEL_NOT_FOUND,
    MODERATION,
    PERMISSION_DENIED,
    CONTEXT_TOO_LONG,
    TIMEOUT,
    RATE_LIMITED,
    SERVER,
    INVALID_REQUEST
}
