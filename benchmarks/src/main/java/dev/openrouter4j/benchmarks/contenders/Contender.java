package dev.openrouter4j.benchmarks.contenders;

import java.util.List;

/**
 * One way of calling OpenRouter's chat completions, as an application would write it with that library. Each call
 * builds its request (one user message, model {@code openai/gpt-4o-mini}), sends it, and gets the whole answer (text
 * and usage); a stream's tokens are reported to a {@link Probe} as they arrive.
 */
public interface Contender extends AutoCloseable {

    String OPENROUTER4J = "openrouter4j";
    String LANGCHAIN4J_OPEN_AI = "langchain4j-open-ai";
    String OPENAI_JAVA = "openai-java";
    String RAW_JDK = "raw-jdk";

    /** In the order the report lists them. */
    List<String> ALL = List.of(OPENROUTER4J, LANGCHAIN4J_OPEN_AI, OPENAI_JAVA, RAW_JDK);

    String API_KEY = "sk-or-v1-0000000000000000000000000000000000000000000000000000000000bench";

    String name();

    /** A blocking chat call; returns the answer's text. */
    String call();

    /**
     * A streaming call through the library's usual API: asynchronous for the LangChain4j models (returns at once), a
     * blocking iteration for openai-java and the raw client (returns when the stream ended).
     */
    void stream(Probe probe);

    /** A streaming call that never holds the caller's thread: what a server with many open streams uses. */
    void streamAsync(Probe probe);

    @Override
    void close();

    /**
     * @param name    one of {@link #ALL}
     * @param baseUrl e.g. {@code http://127.0.0.1:8080/s/200/api/v1}
     */
    static Contender create(String name, String baseUrl) {
        return switch (name) {
            case OPENROUTER4J -> new OpenRouter4jContender(baseUrl);
            case LANGCHAIN4J_OPEN_AI -> new LangChain4jOpenAiContender(baseUrl);
            case OPENAI_JAVA -> new OpenAiJavaContender(baseUrl);
            case RAW_JDK -> new RawJdkContender(baseUrl);
            default -> throw new IllegalArgumentException("unknown contender " + name);
        };
    }
}
