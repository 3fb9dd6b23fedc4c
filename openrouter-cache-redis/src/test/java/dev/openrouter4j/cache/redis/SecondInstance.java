package dev.openrouter4j.cache.redis;

import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.openrouter4j.langchain4j.OpenRouterChatModel;
import dev.openrouter4j.langchain4j.OpenRouterChatResponseMetadata;
import dev.openrouter4j.langchain4j.ResponseCache;

import java.time.Duration;

/**
 * Another instance of an application, in its own JVM (started by the tests with ProcessBuilder): builds a model with
 * a Redis-backed cache, prints {@code CALLING}, asks one question and prints {@code STATUS <cacheStatus>} and
 * {@code TEXT <answer>}.
 * Arguments: base URL of the fake, Redis URI, question.
 */
public final class SecondInstance {

    public static void main(String[] args) {
        try (ResponseCache cache = ResponseCache.builder()
                .store(RedisResponseCacheStore.builder().uri(args[1]).build())
                .coalesceAcrossInstances(Duration.ofSeconds(30)).build();
             OpenRouterChatModel model = OpenRouterChatModel.builder().apiKey(RedisCacheTest.KEY).baseUrl(args[0])
                     .modelName("openai/gpt-4o-mini").temperature(0.0).responseCache(cache).build()) {
            System.out.println("CALLING");
            System.out.flush();
            ChatResponse r = model.chat(ChatRequest.builder().messages(UserMessage.from(args[2])).build());
            System.out.println("STATUS " + ((OpenRouterChatResponseMetadata) r.metadata()).cacheStatus());
            System.out.println("TEXT " + r.aiMessage().text());
        }
    }
}
