package dev.openrouter4j.samples.chatapi;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * {@code GET /}: the chat page, one static HTML file with plain JavaScript ({@code META-INF/resources/index.html}).
 */
@ApplicationScoped
@Path("/")
public class WebPage {

    private static final String PAGE = "META-INF/resources/index.html";

    /** The page, read from the class path. */
    @GET
    @Produces(MediaType.TEXT_HTML + ";charset=utf-8")
    public Response page() {
        try (InputStream in = WebPage.class.getClassLoader().getResourceAsStream(PAGE)) {
            if (in == null) {
                throw new NotFoundException();
            }
            CacheControl noCache = new CacheControl();
            noCache.setNoCache(true);
            return Response.ok(in.readAllBytes()).cacheControl(noCache).build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
