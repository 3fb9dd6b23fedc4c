package dev.openrouter4j.samples.chatapi;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.math.BigDecimal;
import java.util.List;

/**
 * The API's JSON shapes, in one place: what clients send and what they get back.
 */
public final class Api {

    private Api() {
    }

    /**
     * The body of {@code POST /api/v1/llm/chat} and {@code /chat/stream}.
     *
     * @param model       an OpenRouter model id from {@code GET /models}; absent: the default model
     * @param messages    the conversation, oldest first; at least one {@code user} message
     * @param maxTokens   the most tokens to generate, optional ({@code max_tokens})
     * @param temperature sampling temperature from 0 to 2, optional
     */
    public record ChatBody(String model, List<Message> messages,
                           @JsonProperty("max_tokens") Integer maxTokens, Double temperature) {
    }

    /**
     * One message of a conversation.
     *
     * @param role    {@code system}, {@code user} or {@code assistant}
     * @param content its text
     */
    public record Message(String role, String content) {
    }

    /**
     * The answer of {@code GET /models}.
     *
     * @param defaultModel the model used when a request names none
     * @param count        how many models matched
     * @param models       the models, in OpenRouter's order
     */
    public record ModelList(@JsonProperty("default") String defaultModel, int count, List<ModelView> models) {
    }

    /**
     * One model of the catalog.
     *
     * @param id             the id to send, e.g. {@code openai/gpt-4o-mini}
     * @param name           the display name
     * @param contextLength  the context window in tokens, or null
     * @param pricePer1K     USD per 1,000 tokens, or null when the price is decided per call (routers)
     */
    public record ModelView(String id, String name, Integer contextLength, Price pricePer1K) {
    }

    /**
     * A price in USD per 1,000 tokens.
     *
     * @param input  per 1,000 prompt tokens, or null when unknown
     * @param output per 1,000 completion tokens, or null when unknown
     */
    public record Price(BigDecimal input, BigDecimal output) {
    }

    /**
     * The answer of {@code POST /chat}, and the data of the stream's final {@code done} event.
     *
     * @param model        the model that answered (OpenRouter may name a dated slug or a fallback)
     * @param answer       the answer's text
     * @param finishReason why it stopped, e.g. {@code STOP} or {@code LENGTH}
     * @param usage        the tokens it used
     * @param cost         what OpenRouter charged, in USD, or null when it did not say
     * @param generationId OpenRouter's generation id ({@code gen-...})
     * @param provider     the upstream provider that served it, e.g. {@code OpenAI}
     */
    public record ChatAnswer(String model, String answer, String finishReason, Tokens usage, BigDecimal cost,
                             String generationId, String provider) {
    }

    /**
     * Token counts of one call.
     *
     * @param inputTokens  prompt tokens
     * @param outputTokens completion tokens
     * @param totalTokens  both
     */
    public record Tokens(Integer inputTokens, Integer outputTokens, Integer totalTokens) {
    }

    /**
     * The data of a stream's {@code token} event.
     *
     * @param text the next piece of the answer
     */
    public record Token(String text) {
    }

    /**
     * The answer of {@code GET /usage}: what the cost ledger recorded (this server since it started, or every instance
     * when the ledger is a database), the numbers the dashboard draws.
     *
     * @param total     all calls together
     * @param models    per answering model, sorted by id
     * @param providers per upstream provider, sorted by name
     * @param kinds     per kind of call (chat, embedding, rerank, ...), sorted by name
     * @param timelineUnit {@code hour} (this instance's calls) or {@code day} (a database ledger's totals)
     * @param timeline  per hour or day (UTC) in which calls started, oldest first
     * @param budgets   each budget's spend in its current window (empty without budgets)
     * @param cacheHits calls a cache answered for free (the ledger's recent entries with source CACHED); with
     *                  {@code OPENROUTER_CACHE_ENABLED=true} and temperature 0, or {@code OPENROUTER_CACHE_OPENROUTER_ENABLED=true}
     * @param saved     what those calls would have cost, USD
     */
    public record UsageReport(UsageLine total, List<UsageLine> models, List<UsageLine> providers,
                              List<UsageLine> kinds, String timelineUnit, List<UsageBucket> timeline,
                              List<BudgetLine> budgets, long cacheHits, BigDecimal saved) {
    }

    /**
     * The totals of a group of calls: by model, by provider or by kind (the one field that names the group is set).
     *
     * @param model        the model id, or absent
     * @param provider     the upstream provider, or absent
     * @param kind         the kind of call, or absent
     * @param calls        calls recorded
     * @param ok           calls that completed
     * @param errors       calls that failed
     * @param cancelled    streams cancelled (e.g. the client went away)
     * @param inputTokens  prompt tokens
     * @param outputTokens completion tokens
     * @param cost         the exact sum of the known costs, USD
     * @param costUnknown  calls whose cost is not known (not in {@code cost})
     */
    public record UsageLine(String model, String provider, String kind, long calls, long ok, long errors,
                            long cancelled, long inputTokens, long outputTokens, BigDecimal cost, long costUnknown) {
    }

    /**
     * The calls that started in one hour or day.
     *
     * @param start        the hour or day, ISO-8601 UTC ({@code 2026-12-05T11:00:00Z})
     * @param calls        calls recorded
     * @param errors       calls that failed
     * @param inputTokens  prompt tokens
     * @param outputTokens completion tokens
     * @param cost         the exact sum of the known costs, USD
     */
    public record UsageBucket(String start, long calls, long errors, long inputTokens, long outputTokens,
                              BigDecimal cost) {
    }

    /**
     * One budget in its current window.
     *
     * @param name   the budget's name
     * @param key    what it is kept per (a model id, an attribute value), or absent for a total
     * @param period {@code day}, {@code week}, {@code month} or {@code none}
     * @param limit  the most to spend in the window, USD
     * @param spent  what was spent in the window, USD
     * @param reserved what calls in flight may still spend, USD
     */
    public record BudgetLine(String name, String key, String period, BigDecimal limit, BigDecimal spent,
                             BigDecimal reserved) {
    }

    /**
     * The body of {@code POST /api/v1/llm/rag}.
     *
     * @param question a question about the bundled Kestrel K2 handbook
     */
    public record RagBody(String question) {
    }

    /**
     * The answer of {@code POST /rag}.
     *
     * @param answer    the chat model's answer, built on the cited passages
     * @param citations the handbook passages the reranker kept and the model was shown, best first
     * @param cost      what this question's calls cost together, USD, or null when one's cost is unknown
     * @param calls     each call the question took (embedding, rerank, chat), from the cost ledger
     */
    public record RagReply(String answer, List<Citation> citations, BigDecimal cost, List<CallCost> calls) {
    }

    /**
     * A handbook passage an answer is based on.
     *
     * @param file    the page, e.g. {@code charging.md}
     * @param title   the page's heading
     * @param score   the reranker's relevance score
     * @param excerpt the start of the passage
     */
    public record Citation(String file, String title, Double score, String excerpt) {
    }

    /**
     * One call and what it cost.
     *
     * @param kind  {@code chat}, {@code embedding}, {@code rerank}, ...
     * @param model the model that answered
     * @param cost  USD, or null when unknown
     */
    public record CallCost(String kind, String model, BigDecimal cost) {
    }

    /**
     * Every error answer, and the data of a stream's {@code error} event: {@code {"error": {...}}}.
     *
     * @param error what went wrong
     */
    public record ErrorBody(ApiError error) {
    }
}
