package dev.openrouter4j.samples.chatapi;

import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The API's only exception mapper: every failure becomes {@code {"error": {...}}} with the status
 * {@link Failures#describe} chose, and {@code Retry-After} for 429. Upstream failures are logged at WARN, unexpected
 * ones at ERROR with their stack trace, bad input at DEBUG; messages are scrubbed of keys.
 */
@Provider
public final class ErrorMapper implements ExceptionMapper<Throwable> {

    private static final Logger LOG = LoggerFactory.getLogger(ErrorMapper.class);

    @Context
    private UriInfo uriInfo;

    @Context
    private Request request;

    @Override
    public Response toResponse(Throwable e) {
        ApiError error = Failures.describe(e);
        String where = where();
        if (error.status() == 500) {
            LOG.error("{} failed", where, e);
        } else if (error.isServerSide() || error.status() == 429) {
            LOG.warn("{} -> {} {}: {}", where, error.status(), error.code(), error.message());
        } else {
            LOG.debug("{} -> {} {}: {}", where, error.status(), error.code(), error.message());
        }
        return toResponse(error);
    }

    /** The JSON response for an error. */
    static Response toResponse(ApiError error) {
        Response.ResponseBuilder r = Response.status(error.status())
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new Api.ErrorBody(error));
        if (error.retryAfterSeconds() != null) {
            r.header(HttpHeaders.RETRY_AFTER, error.retryAfterSeconds());
        }
        return r.build();
    }

    private String where() {
        try {
            return request.getMethod() + " /" + uriInfo.getPath();
        } catch (RuntimeException outsideARequest) {
            return "request";
        }
    }
}
