package dev.openrouter4j.cost.internal;

import dev.langchain4j.exception.HttpException;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.ChatResponseMetadata;
import dev.langchain4j.model.output.TokenUsage;
import dev.openrouter4j.cost.CallOutcome;
import dev.openrouter4j.cost.CostEntry;
import dev.openrouter4j.cost.CostEstimate;
import dev.openrouter4j.cost.CostSource;
import dev.openrouter4j.cost.PriceTable;
import dev.openrouter4j.cost.TokenCounts;
import dev.openrouter4j.cost.budget.CharacterTokenEstimator;
import dev.openrouter4j.langchain4j.CostDetails;
import dev.openrouter4j.langchain4j.OpenRouterChatResponseMetadata;
import dev.openrouter4j.langchain4j.OpenRouterTokenUsage;
import dev.openrouter4j.langchain4j.exception.OpenRouterErrorDetails;
import dev.openrouter4j.langchain4j.exception.OpenRouterFailure;
import dev.openrouter4j.langchain4j.exception.OpenRouterUnresolvedHostException;
import dev.openrouter4j.langchain4j.exception.StreamCancelledException;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.regex.Pattern;

/**
 * Turns the end of a call (a response or an error) into a {@link CostEntry}: OpenRouter's reported cost when there is
 * one (plus the upstream charge of a BYOK call), else an estimate at the price of the model that answered, else
 * unknown. Shared by the listener and the budget guard so that both count the same money.
 */
public final class CallCosting {

    private static final Pattern SECRET = Pattern.compile("sk-[A-Za-z0-9_-]{8,}");
    private static final int MAX_ERROR_LENGTH = 300;

    private static final CharacterTokenEstimator ESTIMATOR = new CharacterTokenEstimator();

    private final PriceTable prices;

    public CallCosting(PriceTable prices) {
        this.prices = prices;
    }

    /** The entry of a call that completed with a response. */
    public CostEntry fromResponse(CallState state, ChatRequest request, ChatResponse response, boolean streaming) {
        CostEntry.Builder b = base(state, request, streaming).outcome(CallOutcome.OK);
        fillFromResponse(b, request, response);
        return b.build();
    }

    /** The entry of a call that failed or was cancelled; a stream's partial response supplies usage and cost. */
    public CostEntry fromError(CallState state, ChatRequest request, Throwable error, boolean streaming) {
        OpenRouterErrorDetails details = OpenRouterFailure.detailsOf(error);
        boolean cancelled = isCancelled(error);
        ChatResponse partial = details == null ? null : details.partialResponse();
        CostEntry.Builder b = base(state, request, streaming || cancelled)
                .outcome(cancelled ? CallOutcome.CANCELLED : CallOutcome.ERROR)
                .error(describe(error, details));
        String generationId = details == null ? null : details.generationId();
        if (partial != null) {
            fillFromResponse(b, request, partial);
            CostEntry e = b.build();
            if (e.generationId() == null && generationId != null) {
                b.generationId(generationId).id(generationId);
            }
            if (cancelled && e.source() != CostSource.REPORTED) {
                // what a cancelled stream cost is only known once OpenRouter's accounting has it
                b.cost(null).source(CostSource.UNKNOWN).priceVersion(null);
            }
            return b.build();
        }
        return failed(b, error, details, generationId, cancelled);
    }

    /**
     * The entry of a failed call that returned nothing (any kind): {@code b} holds the call's identity; the outcome,
     * error, generation id and cost are decided here, as for chat. A call interrupted on its thread counts as
     * cancelled.
     */
    public static CostEntry failed(CostEntry.Builder b, Throwable error) {
        OpenRouterErrorDetails details = OpenRouterFailure.detailsOf(error);
        boolean cancelled = isCancelled(error) || isInterrupted(error);
        b.outcome(cancelled ? CallOutcome.CANCELLED : CallOutcome.ERROR).error(describe(error, details));
        return failed(b, error, details, details == null ? null : details.generationId(), cancelled);
    }

    private static CostEntry failed(CostEntry.Builder b, Throwable error, OpenRouterErrorDetails details,
                                    String generationId, boolean cancelled) {
        if (generationId != null) {
            b.generationId(generationId).id(generationId);
        }
        if (cancelled || generationId != null) {
            return b.cost(null).source(CostSource.UNKNOWN).build();
        }
        if (isHttpError(error, details) || error instanceof OpenRouterUnresolvedHostException) {
            // OpenRouter answered with an error (or no server was reached): nothing was generated, nothing billed
            return b.cost(BigDecimal.ZERO).source(CostSource.NOT_BILLED).build();
        }
        // a timeout or broken connection: the request may have run and been billed, and there is no id to ask about
        return b.cost(null).source(CostSource.UNKNOWN).build();
    }

    private static boolean isInterrupted(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof InterruptedException || t instanceof java.util.concurrent.CancellationException) {
                return true;
            }
            if (t.getCause() == t) break;
        }
        return false;
    }

    private CostEntry.Builder base(CallState state, ChatRequest request, boolean streaming) {
        long nanos = System.nanoTime() - state.startNanos();
        return CostEntry.builder()
                .callId(state.callId())
                .startedAt(state.startedAt())
                .duration(Duration.ofNanos(Math.max(0, nanos)))
                .requestedModel(request == null || request.parameters() == null ? null : request.parameters().modelName())
                .streaming(streaming)
                .attributes(state.attributes());
    }

    private void fillFromResponse(CostEntry.Builder b, ChatRequest request, ChatResponse response) {
        ChatResponseMetadata md = response.metadata();
        String requested = request == null || request.parameters() == null ? null : request.parameters().modelName();
        String model = md != null && md.modelName() != null ? md.modelName() : requested;
        String generationId = md == null ? null : md.id();
        TokenUsage usage = md != null ? md.tokenUsage() : response.tokenUsage();
        if (usage == null) {
            usage = response.tokenUsage();
        }
        int in = usage == null ? 0 : orZero(usage.inputTokenCount());
        int out = usage == null ? 0 : orZero(usage.outputTokenCount());
        int cached = 0;
        int cacheWrite = 0;
        int reasoning = 0;
        int webSearches = 0;
        BigDecimal reported = null;
        BigDecimal upstream = null;
        boolean byok = false;
        String provider = null;
        if (usage instanceof OpenRouterTokenUsage o) {
            cached = orZero(o.cachedTokens());
            cacheWrite = orZero(o.cacheWriteTokens());
            reasoning = orZero(o.reasoningTokens());
            webSearches = orZero(o.webSearchRequests());
            reported = o.cost();
            upstream = o.upstreamInferenceCost();
        }
        if (md instanceof OpenRouterChatResponseMetadata o) {
            provider = o.provider();
            byok = o.isByok();
            if (reported == null) {
                reported = o.cost();
            }
            CostDetails details = o.costDetails();
            if (upstream == null && details != null) {
                upstream = details.upstreamInferenceCost();
            }
        }
        b.generationId(generationId).id(generationId).model(model).provider(provider)
                .inputTokens(in).outputTokens(out).cachedTokens(cached).cacheWriteTokens(cacheWrite)
                .reasoningTokens(reasoning).byok(byok);
        if (md instanceof OpenRouterChatResponseMetadata o && o.isCacheHit()) {
            b.cost(BigDecimal.ZERO).reportedCost(reported).upstreamCost(null).source(CostSource.CACHED)
                    .savedCost(saved(o, model, request, response));
        } else if (reported != null) {
            BigDecimal upstreamCharge = byok && upstream != null ? upstream : null;
            b.reportedCost(reported).upstreamCost(upstreamCharge)
                    .cost(Decimals.normalize(upstreamCharge == null ? reported : reported.add(upstreamCharge)))
                    .source(CostSource.REPORTED);
        } else if (usage == null || usage.inputTokenCount() == null && usage.outputTokenCount() == null) {
            b.cost(null).source(CostSource.UNKNOWN);
        } else {
            CostEstimate estimate = prices.estimate(model, TokenCounts.of(in, out, cached, cacheWrite, reasoning)
                    .withWebSearches(webSearches));
            b.cost(estimate.cost()).source(estimate.source())
                    .priceVersion(estimate.price() == null ? null : estimate.price().version());
        }
    }

    /**
     * What a cache hit would have cost: the original call's cost when the client cache kept it; else (OpenRouter's
     * cache zeroes usage) an estimate at the model's price from the length of the prompt and of the answer; null when
     * the model has no price.
     */
    private BigDecimal saved(OpenRouterChatResponseMetadata md, String model, ChatRequest request,
                             ChatResponse response) {
        if (md.savedCost() != null) {
            return Decimals.normalize(md.savedCost());
        }
        if (request == null || request.messages() == null) {
            return null;
        }
        int in = ESTIMATOR.estimateTokenCountInMessages(request.messages());
        String text = response.aiMessage() == null ? null : response.aiMessage().text();
        int out = text == null ? 0 : ESTIMATOR.estimateTokenCountInText(text);
        if (response.aiMessage() != null && response.aiMessage().hasToolExecutionRequests()) {
            for (var t : response.aiMessage().toolExecutionRequests()) {
                out += ESTIMATOR.estimateTokenCountInText(String.valueOf(t.name()) + t.arguments());
            }
        }
        CostEstimate e = prices.estimate(model, TokenCounts.of(in, out));
        return e.cost() == null ? null : Decimals.normalize(e.cost());
    }

    private static boolean isCancelled(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof StreamCancelledException) return true;
            if (t.getCause() == t) break;
        }
        return false;
    }

    private static boolean isHttpError(Throwable error, OpenRouterErrorDetails details) {
        if (details != null) {
            return details.httpStatus() >= 400;
        }
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof HttpException) return true;
            if (t.getCause() == t) break;
        }
        return false;
    }

    /** A one-line description of a failure, without secrets, at most 300 characters. */
    public static String describe(Throwable error, OpenRouterErrorDetails details) {
        StringBuilder sb = new StringBuilder(error.getClass().getSimpleName());
        if (details != null && details.httpStatus() > 0) {
            sb.append(" (HTTP ").append(details.httpStatus()).append(')');
        }
        String message = details != null && details.message() != null ? details.message() : error.getMessage();
        if (message != null && !message.isBlank()) {
            sb.append(": ").append(message.strip().replaceAll("\\s+", " "));
        }
        String s = SECRET.matcher(sb).replaceAll("sk-***");
        return s.length() <= MAX_ERROR_LENGTH ? s : s.substring(0, MAX_ERROR_LENGTH - 3) + "...";
    }

    private static int orZero(Integer v) {
        return v == null ? 0 : v;
    }
}
