package dev.openrouter4j.langchain4j.internal.cache;

import dev.langchain4j.model.chat.response.ChatResponse;
import dev.openrouter4j.langchain4j.ResponseCacheStatus;

import java.util.List;

/** Chat answers in the cache: {@link CachedAnswer} is both the shared and the stored value. */
public enum ChatCodec implements CacheCodec<CachedAnswer, ChatResponse> {
    INSTANCE;

    @Override
    public CachedAnswer share(ChatResponse result) {
        return CachedAnswer.of(result, List.of());
    }

    @Override
    public byte[] encode(CachedAnswer value) {
        return value.encode();
    }

    @Override
    public CachedAnswer decode(byte[] bytes) {
        return CachedAnswer.decode(bytes);
    }

    @Override
    public ChatResponse hit(CachedAnswer value, ResponseCacheStatus status) {
        return value.asHit(status);
    }

    @Override
    public ChatResponse miss(ChatResponse result) {
        return CachedAnswer.withStatus(result, ResponseCacheStatus.MISS);
    }
}
