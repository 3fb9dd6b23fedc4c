package dev.openrouter4j.langchain4j;

/**
 * The keys the library itself puts into a call's listener attributes ({@code ChatModelRequestContext.attributes()}).
 * <p>
 * They exist so that listeners in other modules (the cost ledger, a user's own) read the library's flags by a public
 * constant instead of a copied string. Every key starts with {@link #LIBRARY_PREFIX}; keys with that prefix are the
 * library's flags, not attributes of the call (the cost ledger does not record them as tenant or feature tags).
 */
public final class OpenRouterListenerAttributes {

    /** The prefix of every key the library sets. */
    public static final String LIBRARY_PREFIX = "openrouter4j.";

    /** {@code "true"} on calls made through {@link OpenRouterStreamingChatModel}. */
    public static final String STREAMING = LIBRARY_PREFIX + "streaming";

    private OpenRouterListenerAttributes() {
    }

    /** Whether {@code key} is one of the library's own flags rather than an attribute of the call. */
    public static boolean isLibraryFlag(Object key) {
        return key instanceof String s && s.startsWith(LIBRARY_PREFIX);
    }
}
