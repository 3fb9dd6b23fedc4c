package dev.openrouter4j.benchmarks.contenders;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.http.AsyncStreamResponse;
import com.openai.core.http.StreamResponse;
import com.openai.helpers.ChatCompletionAccumulator;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import dev.openrouter4j.benchmarks.server.Bodies;

import java.util.Optional;

/**
 * The official {@code openai-java} 4.8.0 SDK pointed at OpenRouter, with its defaults (OkHttp, which speaks HTTP/1.1
 * on plain http). Streams are folded with its {@link ChatCompletionAccumulator} so that, like the others, a call
 * ends with the whole answer and its usage.
 */
final class OpenAiJavaContender implements Contender {

    private final OpenAIClient client;

    OpenAiJavaContender(String baseUrl) {
        client = OpenAIOkHttpClient.builder().apiKey(API_KEY).baseUrl(baseUrl).build();
    }

    private static ChatCompletionCreateParams params() {
        return ChatCompletionCreateParams.builder().model(Bodies.MODEL).addUserMessage(Bodies.PROMPT).build();
    }

    @Override
    public String name() {
        return OPENAI_JAVA;
    }

    @Override
    public String call() {
        ChatCompletion c = client.chat().completions().create(params());
        return c.choices().get(0).message().content().orElse("");
    }

    @Override
    public void stream(Probe probe) {
        ChatCompletionAccumulator acc = ChatCompletionAccumulator.create();
        try (StreamResponse<ChatCompletionChunk> s = client.chat().completions().createStreaming(params())) {
            s.stream().forEach(chunk -> {
                acc.accumulate(chunk);
                String t = content(chunk);
                if (t != null) probe.token(t);
            });
            probe.complete(acc.chatCompletion().choices().get(0).message().content().orElse(""));
        } catch (RuntimeException e) {
            probe.fail(e);
        }
    }

    @Override
    public void streamAsync(Probe probe) {
        ChatCompletionAccumulator acc = ChatCompletionAccumulator.create();
        client.async().chat().completions().createStreaming(params()).subscribe(
                new AsyncStreamResponse.Handler<ChatCompletionChunk>() {
                    @Override
                    public void onNext(ChatCompletionChunk chunk) {
                        acc.accumulate(chunk);
                        String t = content(chunk);
                        if (t != null) probe.token(t);
                    }

                    @Override
                    public void onComplete(Optional<Throwable> error) {
                        if (error.isPresent()) {
                            probe.fail(error.get());
                        } else {
                            try {
                                probe.complete(acc.chatCompletion().choices().get(0).message().content().orElse(""));
                            } catch (RuntimeException e) {
                                probe.fail(e);
                            }
                        }
                    }
                });
    }

    /** The chunk's content delta, or null when it has none. */
    private static String content(ChatCompletionChunk chunk) {
        if (chunk.choices().isEmpty()) return null;
        return chunk.choices().get(0).delta().content().filter(t -> !t.isEmpty()).orElse(null);
    }

    @Override
    public void close() {
        client.close();
    }
}
