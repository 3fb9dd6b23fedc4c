package dev.openrouter4j.cost.budget;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.Content;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.TextContent;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.TokenCountEstimator;

import java.util.List;

/**
 * A tokenizer-free estimate of prompt tokens for budget reservations: one token per {@code charsPerToken} characters
 * (3 by default, deliberately pessimistic: English runs near 4), 4 tokens of overhead per message, and a flat
 * {@code tokensPerMedia} (1,000) for each image, audio, video or PDF part. It only has to be a reasonable worst case;
 * the real cost settles the reservation when the call ends.
 */
public final class CharacterTokenEstimator implements TokenCountEstimator {

    private final double charsPerToken;
    private final int tokensPerMedia;

    public CharacterTokenEstimator() {
        this(3.0, 1_000);
    }

    public CharacterTokenEstimator(double charsPerToken, int tokensPerMedia) {
        if (charsPerToken <= 0) throw new IllegalArgumentException("charsPerToken must be positive");
        this.charsPerToken = charsPerToken;
        this.tokensPerMedia = tokensPerMedia;
    }

    @Override
    public int estimateTokenCountInText(String text) {
        return text == null ? 0 : (int) Math.ceil(text.length() / charsPerToken);
    }

    @Override
    public int estimateTokenCountInMessage(ChatMessage message) {
        long tokens = 4;
        if (message instanceof UserMessage u) {
            tokens += contents(u.contents());
        } else if (message instanceof SystemMessage s) {
            tokens += estimateTokenCountInText(s.text());
        } else if (message instanceof AiMessage a) {
            tokens += estimateTokenCountInText(a.text());
            if (a.toolExecutionRequests() != null) {
                for (ToolExecutionRequest r : a.toolExecutionRequests()) {
                    tokens += estimateTokenCountInText(r.name()) + estimateTokenCountInText(r.arguments());
                }
            }
        } else if (message instanceof ToolExecutionResultMessage t) {
            tokens += contents(t.contents());
        } else if (message != null) {
            tokens += estimateTokenCountInText(message.toString());
        }
        return (int) Math.min(Integer.MAX_VALUE, tokens);
    }

    private long contents(List<Content> contents) {
        long tokens = 0;
        if (contents == null) return 0;
        for (Content c : contents) {
            tokens += c instanceof TextContent t ? estimateTokenCountInText(t.text()) : tokensPerMedia;
        }
        return tokens;
    }

    @Override
    public int estimateTokenCountInMessages(Iterable<ChatMessage> messages) {
        long tokens = 3;
        for (ChatMessage m : messages) {
            tokens += estimateTokenCountInMessage(m);
        }
        return (int) Math.min(Integer.MAX_VALUE, tokens);
    }
}
