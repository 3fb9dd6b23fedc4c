package dev.openrouter4j.benchmarks.contenders;

import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.http.client.jdk.JdkHttpClient;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;
import dev.openrouter4j.benchmarks.server.Bodies;

import java.net.http.HttpClient;

/**
 * Bare {@code langchain4j-open-ai} 1.19 pointed at OpenRouter, with its defaults except HTTP/1.1 (its JDK client
 * would otherwise try an h2c upgrade on plain http).
 */
final class LangChain4jOpenAiContender implements Contender {

    private final String baseUrl;
    private OpenAiChatModel model; // created on first use, so that a streaming run starts no sync client
    private OpenAiStreamingChatModel streaming;

    LangChain4jOpenAiContender(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    private synchronized OpenAiChatModel model() {
        if (model == null) {
            model = OpenAiChatModel.builder().apiKey(API_KEY).baseUrl(baseUrl).modelName(Bodies.MODEL)
                    .httpClientBuilder(JdkHttpClient.builder()
                            .httpClientBuilder(HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)))
                    .build();
        }
        return model;
    }

    private synchronized OpenAiStreamingChatModel streaming() {
        if (streaming == null) {
            streaming = OpenAiStreamingChatModel.builder().apiKey(API_KEY).baseUrl(baseUrl).modelName(Bodies.MODEL)
                    .httpClientBuilder(JdkHttpClient.builder()
                            .httpClientBuilder(HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)))
                    .build();
        }
        return streaming;
    }

    @Override
    public String name() {
        return LANGCHAIN4J_OPEN_AI;
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
    public void close() {
        // nothing to close in 1.19
    }
}
