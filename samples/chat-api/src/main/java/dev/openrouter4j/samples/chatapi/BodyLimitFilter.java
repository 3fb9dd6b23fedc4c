package dev.openrouter4j.samples.chatapi;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.ext.Provider;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Enforces the body limit of {@value ChatApiServer#MAX_BODY_BYTES} bytes (64 KiB): a declared
 * {@code Content-Length} over it is refused with 413 before the body is read; a chunked body is counted while it is
 * read and refused with 413 as soon as it passes the limit.
 */
@Provider
@PreMatching
public final class BodyLimitFilter implements ContainerRequestFilter {

    @Override
    public void filter(ContainerRequestContext request) {
        String declared = request.getHeaderString(HttpHeaders.CONTENT_LENGTH);
        if (declared != null) {
            long length;
            try {
                length = Long.parseLong(declared.trim());
            } catch (NumberFormatException e) {
                length = -1;
            }
            if (length > ChatApiServer.MAX_BODY_BYTES) {
                request.abortWith(ErrorMapper.toResponse(Failures.tooLarge(length)));
                return;
            }
        }
        if (request.hasEntity()) {
            request.setEntityStream(new Limited(request.getEntityStream(), ChatApiServer.MAX_BODY_BYTES));
        }
    }

    /** Counts the bytes read and throws a 413 {@link ApiException} past the limit. */
    private static final class Limited extends FilterInputStream {

        private final long limit;
        private long count;

        Limited(InputStream in, long limit) {
            super(in);
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) count(1);
            return b;
        }

        @Override
        public int read(byte[] buf, int off, int len) throws IOException {
            int n = super.read(buf, off, len);
            if (n > 0) count(n);
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = super.skip(n);
            count(skipped);
            return skipped;
        }

        private void count(long n) {
            count += n;
            if (count > limit) {
                throw new ApiException(Failures.tooLarge(-1));
            }
        }
    }
}
