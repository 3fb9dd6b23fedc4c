package dev.openrouter4j.samples.chatapi;

/**
 * Thrown by the application for bad input; {@link ErrorMapper} turns it into its {@link ApiError} as JSON.
 */
public final class ApiException extends RuntimeException {

    private final transient ApiError error;

    /** An exception that answers with this error. */
    public ApiException(ApiError error) {
        super(error.message(), null, false, false);
        this.error = error;
    }

    /** A 400 with this code and message. */
    static ApiException badRequest(String code, String message) {
        return new ApiException(ApiError.of(400, code, message));
    }

    /** The error to answer with. */
    public ApiError error() {
        return error;
    }
}
