package dev.openrouter4j.samples.quickstart;

import dev.langchain4j.agent.tool.Tool;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.service.AiServices;
import dev.openrouter4j.cost.CostCallListener;
import dev.openrouter4j.cost.CostEmbeddingListener;
import dev.openrouter4j.cost.CostLedger;
import dev.openrouter4j.cost.CostListener;
import dev.openrouter4j.cost.CostReport;
import dev.openrouter4j.cost.PriceTable;
import dev.openrouter4j.langchain4j.OpenRouterChatModel;
import dev.openrouter4j.langchain4j.OpenRouterChatRequestParameters;
import dev.openrouter4j.langchain4j.OpenRouterChatResponseMetadata;
import dev.openrouter4j.langchain4j.OpenRouterEmbeddingModel;
import dev.openrouter4j.langchain4j.OpenRouterModelCatalog;
import dev.openrouter4j.langchain4j.OpenRouterScoringModel;
import dev.openrouter4j.langchain4j.OpenRouterStreamingChatModel;
import dev.openrouter4j.langchain4j.ProviderPreferences;
import dev.openrouter4j.samples.rag.RagAnswer;
import dev.openrouter4j.samples.rag.RagAssistant;
import dev.openrouter4j.testkit.FakeOpenRouter;

import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A console tour of OpenRouter through LangChain4j: one key, many models. Without {@code OPENROUTER_API_KEY} it runs
 * against a fake OpenRouter started in-process; with it, against https://openrouter.ai (a few cheap calls, each
 * capped at 80 output tokens).
 */
public final class Quickstart {

    /** The demo's models: the same code talks to all of them, only the id changes. */
    static final List<String> MODELS = List.of(
            "openai/gpt-3.5-turbo", "anthropic/claude-3-haiku", "meta-llama/llama-3-8b-instruct", "openai/gpt-4-turbo");

    /** Section 7's models and question. */
    static final String EMBEDDING_MODEL = "openai/text-embedding-3-small";
    static final String RERANK_MODEL = "cohere/rerank-v3.5";
    static final String RAG_QUESTION = "How long does it take to charge the Kestrel K2 battery?";

    public static void main(String[] args) throws Exception {
        run(System.out, System.getenv("OPENROUTER_API_KEY"));
        System.exit(0);
    }

    /** Runs the tour, printing to {@code out}; offline when {@code apiKey} is null or blank. */
    public static void run(PrintStream out, String apiKey) throws Exception {
        FakeOpenRouter fake = null;
        String baseUrl = "https://openrouter.ai/api/v1";
        if (apiKey == null || apiKey.isBlank()) {
            fake = FakeOpenRouter.start().tokenDelay(Duration.ofMillis(15));
            baseUrl = fake.baseUrl();
            apiKey = "sk-or-v1-offline-demo-key";
            out.println("Offline demo: OPENROUTER_API_KEY is not set, so a fake OpenRouter runs in-process at "
                    + baseUrl + " (set the key to talk to the real OpenRouter).");
        } else {
            out.println("Live demo against " + baseUrl + " (a few calls of at most 80 output tokens each).");
        }
        try {
            tour(out, baseUrl, apiKey);
        } finally {
            if (fake != null) {
                fake.close();
            }
        }
    }

    private static void tour(PrintStream out, String baseUrl, String apiKey) throws Exception {
        // One ledger and one listener record the tokens and cost of every call, whatever the model.
        CostLedger ledger = new CostLedger();
        PriceTable prices = PriceTable.defaults();
        CostListener costs = new CostListener(ledger, prices);
        OpenRouterModelCatalog catalog = OpenRouterModelCatalog.builder().baseUrl(baseUrl).build();

        try (OpenRouterChatModel chat = OpenRouterChatModel.builder()
                .apiKey(apiKey)
                .baseUrl(baseUrl)
                .modelName("openai/gpt-3.5-turbo")
                .maxTokens(80)
                .appTitle("openrouter4j quickstart")
                .catalog(catalog)                 // suggests known ids when a model does not exist
                .listeners(costs)
                .build();
             OpenRouterStreamingChatModel streaming = OpenRouterStreamingChatModel.builder()
                     .apiKey(apiKey)
                     .baseUrl(baseUrl)
                     .modelName("anthropic/claude-3-haiku")
                     .maxTokens(80)
                     .listeners(costs)
                     .build()) {

            chatAndStream(out, chat, streaming);
            routingToolsAndErrors(out, chat);
            rag(out, baseUrl, apiKey, chat, ledger, prices);
        } finally {
            catalog.close();
        }

        section(out, "Cost of this run, per model, provider and kind of call");
        out.println(CostReport.of(ledger).toText());
    }

    /** Sections 1 to 3: a call, a stream, and other models by id. */
    private static void chatAndStream(PrintStream out, OpenRouterChatModel chat, OpenRouterStreamingChatModel streaming)
            throws Exception {
        section(out, "1. A chat call");
        ChatResponse answer = chat.chat(ChatRequest.builder()
                .messages(SystemMessage.from("Answer in one sentence."),
                        UserMessage.from("What is OpenRouter?"))
                .build());
        out.println(answer.aiMessage().text());
        out.println(describe(answer));

        section(out, "2. A streamed answer, token by token");
        CompletableFuture<ChatResponse> done = new CompletableFuture<>();
        streaming.chat(ChatRequest.builder().messages(UserMessage.from("Name three planets.")).build(),
                new StreamingChatResponseHandler() {
                    @Override
                    public void onPartialResponse(String token) {
                        out.print(token);
                        out.flush();
                    }

                    @Override
                    public void onCompleteResponse(ChatResponse response) {
                        done.complete(response);
                    }

                    @Override
                    public void onError(Throwable error) {
                        done.completeExceptionally(error);
                    }
                });
        ChatResponse streamed = done.get(60, TimeUnit.SECONDS);
        out.println();
        out.println(describe(streamed));

        section(out, "3. Switching models: only the id changes");
        for (String model : MODELS) {
            ChatResponse r = chat.chat(ChatRequest.builder()
                    .messages(UserMessage.from("Say hello in five words."))
                    .parameters(OpenRouterChatRequestParameters.builder().modelName(model).build())
                    .build());
            out.printf("%-32s %s%n", model, oneLine(r.aiMessage().text()));
        }
    }

    /** Sections 4 to 6: routing, an AI Service with a tool, and a mistake explained. */
    private static void routingToolsAndErrors(PrintStream out, OpenRouterChatModel chat) {
        section(out, "4. Fallback models and provider preferences");
        ChatResponse routed = chat.chat(ChatRequest.builder()
                .messages(UserMessage.from("Give me one tip to lower LLM costs."))
                .parameters(OpenRouterChatRequestParameters.builder()
                        .modelName("openai/gpt-4-turbo")
                        .fallbackModels("anthropic/claude-3-haiku", "meta-llama/llama-3-70b-instruct")
                        .provider(ProviderPreferences.builder().sort("price").allowFallbacks(true).build())
                        .build())
                .build());
        out.println(oneLine(routed.aiMessage().text()));
        out.println("  asked for openai/gpt-4-turbo, fallbacks claude-3-haiku and llama-3-70b, cheapest provider first");
        out.println(describe(routed));

        section(out, "5. An AI Service that calls a Java tool");
        Assistant assistant = AiServices.builder(Assistant.class)
                .chatModel(chat)
                .tools(new Calculator())
                .build();
        out.println(oneLine(assistant.chat("What is 12.5 times 4? Use the tool.")));

        section(out, "6. A mistake, explained: an unknown model id");
        try {
            chat.chat(ChatRequest.builder()
                    .messages(UserMessage.from("Hello"))
                    .parameters(OpenRouterChatRequestParameters.builder().modelName("openai/gpt-4-turbo-ultra")
                            .build())
                    .build());
        } catch (RuntimeException e) {
            out.println(e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    /** Section 7: embeddings and a reranker on the same key and ledger as the chat calls. */
    private static void rag(PrintStream out, String baseUrl, String apiKey, OpenRouterChatModel chat, CostLedger ledger,
                            PriceTable prices) {
        section(out, "7. RAG: answers from your documents, with citations");
        try (OpenRouterEmbeddingModel embeddings = OpenRouterEmbeddingModel.builder()
                     .apiKey(apiKey).baseUrl(baseUrl).modelName(EMBEDDING_MODEL)
                     .listeners(new CostEmbeddingListener(ledger, prices))     // same ledger, kind embedding
                     .build();
             OpenRouterScoringModel reranker = OpenRouterScoringModel.builder()
                     .apiKey(apiKey).baseUrl(baseUrl).modelName(RERANK_MODEL)
                     .listeners(new CostCallListener(ledger, prices))          // same ledger, kind rerank
                     .build()) {
            RagAssistant rag = RagAssistant.overHandbook(embeddings, reranker, chat); // embeds the 7 pages
            RagAnswer a = rag.ask(RAG_QUESTION);  // embeds the question, retrieves 4, reranks to 2, answers
            out.println("Q: " + RAG_QUESTION);
            out.println("A: " + oneLine(a.answer()));
            for (RagAnswer.Citation c : a.citations()) {
                out.printf("  [%s] %s (rerank score %.2f)%n", c.file(), c.title(), c.score());
            }
        }
    }

    interface Assistant {
        String chat(String message);
    }

    static final class Calculator {
        @Tool("Multiplies two numbers")
        double multiply(double a, double b) {
            return a * b;
        }
    }

    private static void section(PrintStream out, String title) {
        out.println();
        out.println("== " + title);
    }

    private static String describe(ChatResponse r) {
        OpenRouterChatResponseMetadata m = (OpenRouterChatResponseMetadata) r.metadata();
        return String.format("  -> model %s via %s, %d tokens in / %d out, cost $%s, generation %s",
                m.modelName(), m.provider(),
                m.tokenUsage().inputTokenCount(), m.tokenUsage().outputTokenCount(),
                m.cost() == null ? "?" : m.cost().toPlainString(), m.generationId());
    }

    private static String oneLine(String s) {
        return s == null ? "(no text)" : s.replaceAll("\\s+", " ").trim();
    }

    private Quickstart() {
    }
}
