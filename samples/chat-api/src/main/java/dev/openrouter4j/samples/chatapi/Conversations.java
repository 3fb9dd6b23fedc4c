package dev.openrouter4j.samples.chatapi;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.TokenUsage;
import dev.openrouter4j.langchain4j.OpenRouterChatRequestParameters;
import dev.openrouter4j.langchain4j.OpenRouterChatResponseMetadata;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Checks a {@link Api.ChatBody} and turns it into a LangChain4j {@link ChatRequest} for the chosen model; turns a
 * {@link ChatResponse} into an {@link Api.ChatAnswer}.
 */
final class Conversations {

    private Conversations() {
    }

    /**
     * The request for this body: its messages, and the model (the default one when the body names none) as a
     * per-request {@link OpenRouterChatRequestParameters}.
     *
     * @throws ApiException 400 naming every problem of the body
     */
    static ChatRequest toRequest(Api.ChatBody body, String model) {
        if (body == null) {
            throw new ApiException(Failures.emptyBody());
        }
        List<String> problems = new ArrayList<>();
        List<ChatMessage> messages = new ArrayList<>();
        if (body.messages() == null || body.messages().isEmpty()) {
            problems.add("messages must not be empty: send at least one {\"role\": \"user\", \"content\": \"...\"}");
        } else {
            boolean user = false;
            for (int i = 0; i < body.messages().size(); i++) {
                Api.Message m = body.messages().get(i);
                if (m == null) {
                    problems.add("messages[" + i + "] is null");
                    continue;
                }
                String role = m.role() == null ? null : m.role().trim().toLowerCase(Locale.ROOT);
                if (m.content() == null || m.content().isBlank()) {
                    problems.add("messages[" + i + "].content must not be empty");
                }
                if (role == null || !List.of("system", "user", "assistant").contains(role)) {
                    problems.add("messages[" + i + "].role must be system, user or assistant"
                            + (m.role() == null ? "" : ", not '" + m.role() + "'"));
                } else if (m.content() != null && !m.content().isBlank()) {
                    user |= role.equals("user");
                    messages.add(switch (role) {
                        case "system" -> SystemMessage.from(m.content());
                        case "assistant" -> AiMessage.from(m.content());
                        default -> UserMessage.from(m.content());
                    });
                }
            }
            if (!user && problems.isEmpty()) {
                problems.add("messages must contain a user message");
            }
        }
        if (body.maxTokens() != null && body.maxTokens() < 1) {
            problems.add("max_tokens must be 1 or more");
        }
        if (body.temperature() != null && (body.temperature() < 0 || body.temperature() > 2)) {
            problems.add("temperature must be from 0 to 2");
        }
        if (!problems.isEmpty()) {
            throw ApiException.badRequest("invalid_request", String.join("; ", problems));
        }
        return ChatRequest.builder()
                .messages(messages)
                .parameters(OpenRouterChatRequestParameters.builder()
                        .modelName(model)
                        .maxOutputTokens(body.maxTokens())
                        .temperature(body.temperature())
                        .build())
                .build();
    }

    /** The answer of a complete response. */
    static Api.ChatAnswer toAnswer(ChatResponse r, String requestedModel) {
        OpenRouterChatResponseMetadata m = r.metadata() instanceof OpenRouterChatResponseMetadata o ? o : null;
        TokenUsage u = r.tokenUsage();
        Api.Tokens tokens = u == null ? null
                : new Api.Tokens(u.inputTokenCount(), u.outputTokenCount(), u.totalTokenCount());
        return new Api.ChatAnswer(
                r.modelName() != null ? r.modelName() : requestedModel,
                r.aiMessage() == null ? null : r.aiMessage().text(),
                r.finishReason() == null ? null : r.finishReason().name(),
                tokens,
                m == null ? null : m.cost(),
                m == null ? r.id() : m.generationId(),
                m == null ? null : m.provider());
    }
}
