package dev.openrouter4j.langchain4j.internal.http;

import dev.openrouter4j.langchain4j.internal.util.Secrets;

import java.net.URI;
import java.util.Locale;

/**
 * The one check of a base URL, used by every client of the library and, through
 * {@code OpenRouterModelBuilder.checkBaseUrl}, by the CDI extension: an absolute {@code http://} or {@code https://}
 * URL with a host. The result ends with exactly one {@code /}, so endpoint paths resolve under it.
 */
public final class BaseUrl {

    /** OpenRouter's API. */
    public static final String DEFAULT = "https://openrouter.ai/api/v1";

    private BaseUrl() {
    }

    /**
     * @param baseUrl e.g. {@code https://openrouter.ai/api/v1}; surrounding blanks and trailing slashes are ignored
     * @return the URL as a URI ending with a single {@code /}
     * @throws IllegalArgumentException naming the value (a key pasted by mistake is masked) and an example
     */
    public static URI parse(String baseUrl) {
        if (baseUrl == null || baseUrl.isBlank()) {
            throw new IllegalArgumentException("baseUrl must not be blank (default " + DEFAULT + ")");
        }
        String b = baseUrl.strip();
        while (b.endsWith("/")) {
            b = b.substring(0, b.length() - 1);
        }
        URI uri;
        try {
            uri = new URI(b + "/");
        } catch (Exception e) {
            throw new IllegalArgumentException("baseUrl is not a valid URL: " + Secrets.scrub(b), e);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
            throw new IllegalArgumentException("baseUrl must be an http:// or https:// URL such as " + DEFAULT
                    + ", was " + Secrets.scrub(b));
        }
        return uri;
    }

    /** {@code scheme://host:port} of a URI, with the default port made explicit: what "same origin" compares. */
    public static String origin(URI uri) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        int port = uri.getPort() >= 0 ? uri.getPort() : scheme.equals("https") ? 443 : 80;
        String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
        return scheme + "://" + host + ":" + port;
    }
}
