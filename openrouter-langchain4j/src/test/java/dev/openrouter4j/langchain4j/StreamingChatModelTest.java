package dev.openrouter4j.langchain4j;

import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingHandle;
import dev.langchain4j.model.output.FinishReason;
import dev.openrouter4j.langchain4j.exception.OpenRouterConnectionException;
import dev.openrouter4j.langchain4j.exception.OpenRouterFailure;
import dev.openrouter4j.langchain4j.exception.OpenRouterModelNotFoundException;
import dev.openrouter4j.langchain4j.exception.OpenRouterServerException;
import dev.openrouter4j.langchain4j.exception.OpenRouterTimeoutException;
import dev.openrouter4j.langchain4j.exception.StreamCancelledException;
import dev.openrouter4j.testkit.FakeOpenRouter;
import dev.openrouter4j.testkit.FakeResponse;
import dev.openrouter4j.testkit.OpenRouterSchemas;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class StreamingChatModelTest {

    static final String KEY = "sk-or-v1-test0000000000000000000000000000000000000000000000000000abcd";
    static FakeOpenRouter fake;
    CountingListener listener;
    OpenRouterStreamingChatModel model;

    @BeforeAll
    static void startFake() {
        fake = FakeOpenRouter.start();
    }

    @AfterAll
    static void stopFake() {
        fake.close();
    }

    @BeforeEach
    void setUp() {
        fake.reset();
        listener = new CountingListener();
        model = model(Duration.ofSeconds(2));
    }

    @AfterEach
    void tearDown() {
        model.close();
    }

    OpenRouterStreamingChatModel model(Duration timeout) {
        return OpenRouterStreamingChatModel.builder()
                .apiKey(KEY)
                .baseUrl(fake.baseUrl())
                .modelName("openai/gpt-4o-mini")
                .timeout(timeout)
                .maxRetries(0)
                .listeners(listener)
                .build();
    }

    static ChatRequest ask(String text) {
        return ChatRequest.builder().messages(UserMessage.from(text)).build();
    }

    void assertOneTerminalEverywhere(RecordingHandler h) {
        await().atMost(Duration.ofSeconds(5)).until(() -> listener.terminals() == 1 && h.terminals.get() >= 1);
        try {
            Thread.sleep(100); // anything late would show up now
        } catch (InterruptedException e) {
            throw new RuntimeException(e);
        }
        assertThat(h.terminals).hasValue(1);
        assertThat(listener.terminals()).isEqualTo(1);
        assertThat(listener.requests).hasValue(1);
    }

    @Test
    void streams_tokens_then_one_complete_response_with_openrouter_metadata() throws Exception {
        RecordingHandler h = new RecordingHandler();
        model.chat(ask("Tell me about Venus"), h);
        ChatResponse r = h.awaitResponse(Duration.ofSeconds(5));

        assertThat(h.text()).isEqualTo(r.aiMessage().text()).isNotBlank();
        assertThat(r.metadata()).isInstanceOf(OpenRouterChatResponseMetadata.class);
        OpenRouterChatResponseMetadata m = (OpenRouterChatResponseMetadata) r.metadata();
        assertThat(m.generationId()).startsWith("gen-");
        assertThat(m.provider()).isEqualTo("OpenAI");
        assertThat(m.cost()).isPositive();
        assertThat(m.tokenUsage().inputTokenCount()).isPositive();
        assertThat(m.tokenUsage().outputTokenCount()).isPositive();
        assertThat(m.finishReason()).isEqualTo(FinishReason.STOP);
        assertThat(h.threads).allMatch(t -> t.startsWith("openrouter4j-callback-"));
        assertOneTerminalEverywhere(h);
        assertThat(listener.responseList.get(0).chatResponse()).isSameAs(r);

        String sent = fake.takeRequest().body();
        OpenRouterSchemas.assertValidChatRequest(sent);
        assertThat(sent).contains("\"stream\":true");
    }

    @Test
    void streamed_tool_calls_keep_repeated_ids_whole() throws Exception {
        ToolSpecification add = ToolSpecification.builder().name("add")
                .parameters(JsonObjectSchema.builder().addIntegerProperty("a").addIntegerProperty("b")
                        .required("a", "b").build())
                .build();
        RecordingHandler h = new RecordingHandler();
        model.chat(ChatRequest.builder().messages(UserMessage.from("add 2 and 2")).toolSpecifications(add).build(), h);
        ChatResponse r = h.awaitResponse(Duration.ofSeconds(5));

        assertThat(r.aiMessage().toolExecutionRequests()).hasSize(1);
        var call = r.aiMessage().toolExecutionRequests().get(0);
        assertThat(call.name()).isEqualTo("add");
        assertThat(call.id()).startsWith("call_");
        assertThat(call.id().indexOf("call_", 1)).as("id concatenated: %s", call.id()).isEqualTo(-1);
        assertThat(call.arguments()).contains("\"a\"").contains("\"b\"");
        assertThat(r.metadata().finishReason()).isEqualTo(FinishReason.TOOL_EXECUTION);
        assertThat(h.partialToolCalls).isNotEmpty();
        assertThat(h.completeToolCalls).singleElement()
                .satisfies(c -> assertThat(c.toolExecutionRequest()).isEqualTo(call));
    }

    @Test
    void mid_stream_error_chunk_is_an_error_carrying_the_partial_response() throws Exception {
        fake.enqueue(FakeResponse.midStreamError("The first part"));
        RecordingHandler h = new RecordingHandler();
        model.chat(ask("hi"), h);
        Throwable e = h.awaitError(Duration.ofSeconds(5));

        assertThat(e).isInstanceOf(OpenRouterFailure.class);
        ChatResponse partial = ((OpenRouterFailure) e).partialResponse();
        assertThat(partial).isNotNull();
        assertThat(partial.aiMessage().text()).isEqualTo(h.text()).startsWith("The first part");
        assertThat(((OpenRouterChatResponseMetadata) partial.metadata()).generationId()).startsWith("gen-");
        assertOneTerminalEverywhere(h);
        assertThat(listener.errorList.get(0)).isSameAs(e);
    }

    @Test
    void stream_closed_without_done_and_finish_reason_is_an_error() throws Exception {
        fake.enqueue(FakeResponse.streamWithoutDone("cut short"));
        RecordingHandler h = new RecordingHandler();
        model.chat(ask("hi"), h);
        Throwable e = h.awaitError(Duration.ofSeconds(5));
        assertThat(e).isInstanceOf(OpenRouterServerException.class).hasMessageContaining("[DONE]");
        assertThat(((OpenRouterFailure) e).partialResponse().aiMessage().text()).contains("cut");
        assertOneTerminalEverywhere(h);
    }

    @Test
    void event_error_frame_and_malformed_chunk_are_errors() throws Exception {
        fake.enqueue(FakeResponse.eventErrorFrame());
        RecordingHandler h1 = new RecordingHandler();
        model.chat(ask("hi"), h1);
        assertThat(h1.awaitError(Duration.ofSeconds(5))).isInstanceOf(OpenRouterFailure.class);

        fake.enqueue(FakeResponse.malformedChunk());
        RecordingHandler h2 = new RecordingHandler();
        model.chat(ask("hi"), h2);
        assertThat(h2.awaitError(Duration.ofSeconds(5))).isInstanceOf(OpenRouterServerException.class)
                .hasMessageContaining("not valid JSON");
        await().atMost(Duration.ofSeconds(5)).until(() -> listener.terminals() == 2);
        assertThat(h1.terminals).hasValue(1);
        assertThat(h2.terminals).hasValue(1);
    }

    @Test
    void duplicated_done_and_invalid_utf8_still_succeed() throws Exception {
        fake.enqueue(FakeResponse.duplicatedDone("twice done"));
        RecordingHandler h1 = new RecordingHandler();
        model.chat(ask("hi"), h1);
        assertThat(h1.awaitResponse(Duration.ofSeconds(5)).aiMessage().text()).contains("twice");

        fake.enqueue(FakeResponse.invalidUtf8("bad bytes"));
        RecordingHandler h2 = new RecordingHandler();
        model.chat(ask("hi"), h2);
        assertThat(h2.awaitResponse(Duration.ofSeconds(5)).aiMessage().text()).contains("\uFFFD");
        Thread.sleep(100);
        assertThat(h1.terminals).hasValue(1);
        assertThat(h2.terminals).hasValue(1);
    }

    @Test
    void a_stall_mid_stream_fails_within_timeout_plus_two_seconds() throws Exception {
        fake.enqueue(FakeResponse.stallAfter(2, Duration.ofSeconds(30)));
        RecordingHandler h = new RecordingHandler();
        long start = System.nanoTime();
        model.chat(ask("hi"), h);
        Throwable e = h.awaitError(Duration.ofSeconds(4));
        long ms = (System.nanoTime() - start) / 1_000_000;
        assertThat(e).isInstanceOf(OpenRouterTimeoutException.class).hasMessageContaining("stalled");
        assertThat(ms).isBetween(1_500L, 4_000L);
        assertOneTerminalEverywhere(h);
    }

    @Test
    void a_slow_first_byte_fails_within_timeout_plus_two_seconds() throws Exception {
        fake.enqueue(FakeResponse.stallBeforeHeaders(Duration.ofSeconds(30)));
        RecordingHandler h = new RecordingHandler();
        long start = System.nanoTime();
        model.chat(ask("hi"), h);
        Throwable e = h.awaitError(Duration.ofSeconds(4));
        assertThat(e).isInstanceOf(OpenRouterTimeoutException.class);
        assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(4_000L);
        assertOneTerminalEverywhere(h);
    }

    @Test
    void a_reset_mid_stream_is_one_typed_error() throws Exception {
        fake.enqueue(FakeResponse.resetAfter(3));
        RecordingHandler h = new RecordingHandler();
        model.chat(ask("hi"), h);
        Throwable e = h.awaitError(Duration.ofSeconds(5));
        assertThat(e).isInstanceOf(OpenRouterFailure.class);
        assertThat(e).isInstanceOfAny(OpenRouterConnectionException.class, OpenRouterServerException.class);
        assertOneTerminalEverywhere(h);
    }

    @Test
    void http_errors_before_the_stream_are_typed_and_the_next_call_works() throws Exception {
        fake.enqueue(FakeResponse.invalidModel("openai/gpt-4o-mini"));
        RecordingHandler h = new RecordingHandler();
        model.chat(ask("hi"), h);
        assertThat(h.awaitError(Duration.ofSeconds(5))).isInstanceOf(OpenRouterModelNotFoundException.class)
                .hasMessageContaining("openai/gpt-4o-mini");

        RecordingHandler next = new RecordingHandler();
        model.chat(ask("again"), next);
        assertThat(next.awaitResponse(Duration.ofSeconds(5)).aiMessage().text()).isNotBlank();
    }

    @Test
    void a_handler_that_throws_gets_one_on_error_and_the_stream_is_cancelled() throws Exception {
        fake.enqueue(FakeResponse.dribble(20, Duration.ofMillis(20)));
        RecordingHandler h = new RecordingHandler();
        h.onPartial = (t, ctx) -> {
            throw new IllegalStateException("handler bug");
        };
        model.chat(ask("hi"), h);
        Throwable e = h.awaitError(Duration.ofSeconds(5));
        assertThat(e).isInstanceOf(IllegalStateException.class).hasMessage("handler bug");
        Thread.sleep(600);
        assertThat(h.terminals).hasValue(1);
        assertThat(h.text()).hasSizeLessThan(30);
        assertThat(listener.errors).hasValue(1);
        assertThat(listener.responses).hasValue(0);
    }

    @Test
    void cancelling_from_a_callback_stops_the_handler_but_listeners_see_the_call() throws Exception {
        fake.enqueue(FakeResponse.dribble(50, Duration.ofMillis(20)));
        RecordingHandler h = new RecordingHandler();
        h.onPartial = (t, ctx) -> ctx.streamingHandle().cancel();
        model.chat(ask("hi"), h);
        await().atMost(Duration.ofSeconds(5)).until(() -> listener.errors.get() == 1);
        Thread.sleep(500);
        assertThat(h.terminals).hasValue(0);
        assertThat(h.text()).doesNotContain("tok10"); // nothing reached the handler after the cancel
        assertThat(listener.errorList.get(0)).isInstanceOf(StreamCancelledException.class);
        assertThat(((OpenRouterFailure) listener.errorList.get(0)).partialResponse()).isNotNull();
        assertThat(listener.terminals()).isEqualTo(1);
    }

    @Test
    void a_handle_cancels_even_before_the_first_token() throws Exception {
        fake.enqueue(FakeResponse.stallBeforeHeaders(Duration.ofSeconds(10)));
        RecordingHandler h = new RecordingHandler();
        StreamingHandle handle = model.chatWithHandle(ask("hi"), h);
        Thread.sleep(200);
        handle.cancel();
        assertThat(handle.isCancelled()).isTrue();
        await().atMost(Duration.ofSeconds(3)).until(() -> listener.errors.get() == 1);
        Thread.sleep(2500);
        assertThat(h.terminals).hasValue(0);
        assertThat(listener.errorList.get(0)).isInstanceOf(StreamCancelledException.class);
        assertThat(listener.terminals()).isEqualTo(1);
    }

    @Test
    void a_request_that_cannot_be_built_goes_to_on_error_not_thrown() throws Exception {
        OpenRouterStreamingChatModel noModel = OpenRouterStreamingChatModel.builder().apiKey(KEY)
                .baseUrl(fake.baseUrl()).listeners(listener).build();
        try {
            RecordingHandler h = new RecordingHandler();
            noModel.chat(ask("hi"), h);
            assertThat(h.awaitError(Duration.ofSeconds(5))).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("modelName");
            assertOneTerminalEverywhere(h);
        } finally {
            noModel.close();
        }
    }

    @Test
    void connection_refused_is_a_typed_error() throws Exception {
        OpenRouterStreamingChatModel nowhere = OpenRouterStreamingChatModel.builder().apiKey(KEY)
                .baseUrl("http://127.0.0.1:1/api/v1").modelName("openai/gpt-4o-mini").maxRetries(0).build();
        try {
            RecordingHandler h = new RecordingHandler();
            nowhere.chat(ask("hi"), h);
            assertThat(h.awaitError(Duration.ofSeconds(5))).isInstanceOf(OpenRouterConnectionException.class)
                    .hasMessageContaining("127.0.0.1:1");
        } finally {
            nowhere.close();
        }
    }

    @Test
    void usage_comes_from_the_late_usage_chunk_with_empty_choices() throws Exception {
        fake.enqueue(FakeResponse.sse(": OPENROUTER PROCESSING\n\n"
                + "data: {\"id\":\"gen-1\",\"model\":\"m/x\",\"provider\":\"P\",\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"hey\"},\"finish_reason\":null}]}\n\n"
                + "data: {\"id\":\"gen-1\",\"model\":\"m/x\",\"provider\":\"P\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"\"},\"finish_reason\":\"stop\",\"native_finish_reason\":\"end_turn\"}]}\n\n"
                + ": OPENROUTER PROCESSING\n\n"
                + "data: {\"id\":\"gen-1\",\"model\":\"m/x\",\"provider\":\"P\",\"choices\":[],\"usage\":{\"prompt_tokens\":10,\"completion_tokens\":2,\"total_tokens\":12,\"cost\":0.00001234567890123,\"prompt_tokens_details\":{\"cached_tokens\":4},\"completion_tokens_details\":{\"reasoning_tokens\":1}}}\n\n"
                + "data: [DONE]\n\n"));
        RecordingHandler h = new RecordingHandler();
        model.chat(ask("hi"), h);
        OpenRouterChatResponseMetadata m = (OpenRouterChatResponseMetadata) h.awaitResponse(Duration.ofSeconds(5))
                .metadata();
        assertThat(m.cost()).isEqualByComparingTo("0.00001234567890123");
        assertThat(m.cost().toPlainString()).isEqualTo("0.00001234567890123");
        assertThat(m.tokenUsage().cachedTokens()).isEqualTo(4);
        assertThat(m.tokenUsage().reasoningTokens()).isEqualTo(1);
        assertThat(m.nativeFinishReason()).isEqualTo("end_turn");
        assertThat(m.provider()).isEqualTo("P");
    }

    @Test
    void five_hundred_slow_streams_complete_on_few_threads() throws Exception {
        int streams = 500;
        for (int i = 0; i < streams; i++) {
            fake.enqueue(FakeResponse.dribble(10, Duration.ofMillis(200)));
        }
        System.gc(); // let the HTTP clients of closed models (Java 17 cannot close them) release their threads
        Thread.sleep(200);
        long before = libraryThreads();
        OpenRouterStreamingChatModel m = model(Duration.ofSeconds(10));
        try {
            List<RecordingHandler> handlers = new java.util.ArrayList<>();
            for (int i = 0; i < streams; i++) {
                RecordingHandler h = new RecordingHandler();
                handlers.add(h);
                m.chat(ask("slow " + i), h);
            }
            Thread.sleep(1000); // all open and dribbling
            long used = libraryThreads() - before;
            for (RecordingHandler h : handlers) {
                assertThat(h.awaitResponse(Duration.ofSeconds(30)).aiMessage().text()).contains("tok9");
            }
            System.out.println("[measure] threads of the library and its HTTP client with " + streams
                    + " open slow streams: " + used + " (" + before + " already there from earlier tests)");
            assertThat(used).isLessThan(50);
        } finally {
            m.close();
        }
    }

    /** Threads of this library and of the JDK HTTP client (the fake's threads are named fake-openrouter-*). */
    static long libraryThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .map(Thread::getName)
                .filter(n -> n.startsWith("openrouter4j-") || n.startsWith("HttpClient-"))
                .count();
    }
}
