package dev.openrouter4j.samples.chatapi;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * The web pages: {@code GET /} the chat, {@code GET /dashboard} the usage dashboard, each one static HTML file with
 * plain JavaScript under {@code META-INF/resources}, and {@code GET /assets/...} the few files they load (Chart.js for
 * the dashboard's charts), served from the sample itself so that nothing is loaded from the internet.
 */
@ApplicationScoped
@Path("/")
public class WebPage {

    private static final String ROOT = "META-INF/resources/";
    /** The assets there are, and their media types; nothing else under {@code /assets} is served. */
    private static final Map<String, String> ASSETS = Map.of(
            "chart.umd.min.js", "text/javascript;charset=utf-8");

    /** The chat page. */
    @GET
    @Produces(MediaType.TEXT_HTML + ";charset=utf-8")
    public Response page() {
        return resource("index.html", MediaType.TEXT_HTML + ";charset=utf-8", true);
    }

    /** The usage dashboard: the numbers of {@code GET /api/v1/llm/usage} as charts. */
    @GET
    @Path("dashboard")
    @Produces(MediaType.TEXT_HTML + ";charset=utf-8")
    public Response dashboard() {
        return resource("dashboard.html", MediaType.TEXT_HTML + ";charset=utf-8", true);
    }

    /** A static asset the pages load. */
    @GET
    @Path("assets/{name}")
    public Response asset(@PathParam("name") String name) {
        String type = ASSETS.get(name);
        if (type == null) {
            throw new NotFoundException();
        }
        return resource("assets/" + name, type, false);
    }

    private static Response resource(String path, String type, boolean noCache) {
        try (InputStream in = WebPage.class.getClassLoader().getResourceAsStream(ROOT + path)) {
            if (in == null) {
                throw new NotFoundException();
            }
            CacheControl cache = new CacheControl();
            if (noCache) {
                cache.setNoCache(true);
            } else {
                cache.setMaxAge(3600);
            }
            return Response.ok(in.readAllBytes(), type).cacheControl(cache).build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
