package dev.openrouter4j.benchmarks.contenders;

import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.openrouter4j.benchmarks.server.Bodies;
import dev.openrouter4j.langchain4j.OpenRouterChatModel;
import dev.openrouter4j.langchain4j.OpenRouterStreamingChatModel;

/** openrouter4j with its defaults (the library picks HTTP/1.1 itself for an http:// base URL). */
final class OpenRouter4jContender implements Contender {

    private final String baseUrl;
    private OpenRouterChatModel model; // created on first use, so that a streaming run starts no sync client
    private OpenRouterStreamingChatModel streaming;

    OpenRouter4jContender(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    private synchronized OpenRouterChatModel model() {
        if (model == null) {
            model = OpenRouterChatModel.builder().apiKey(API_KEY).baseUrl(baseUrl).modelName(Bodies.MODEL).build();
        }
        return model;
    }

    private synchronized OpenRouterStreamingChatModel streaming() {
        if (streaming == null) {
            streaming = OpenRouterStreamingChatModel.builder().apiKey(API_KEY).baseUrl(baseUrl)
                    .modelName(Bodies.MODEL).build();
        }
        return streaming;
    }

    @Override
    public String name() {
        return OPENROUTER4J;
    }

    @Override
    public String call() {
        ChatResponse r = model().chat(ChatRequest.builder().messages(UserMessage.from(Bodies.PROMPT)).build());
        return r.aiMessage().text();
    }

    @Override
    public void stream(Probe probe) {
        streaming().chat(ChatRequest.builder().messages(UserMessage.from(Bodies.PROMPT)).build(),
                new StreamingChatResponseHandler() {
                    @Override
                    public void onPartialResponse(String partialResponse) {
                        probe.token(partialResponse);
                    }

                    @Override
                    public void onCompleteResponse(ChatResponse completeResponse) {
                        probe.complete(completeResponse.aiMessage().text());
                    }

                    @Override
                    public void onError(Throwable error) {
                        probe.fail(error);
                    }
                });
    }

    @Override
    public void streamAsync(Probe probe) {
        stream(probe);
    }

    @Override
    public synchronized void close() {
        if (model != null) model.close();
        if (streaming != null) streaming.close();
    }
}
