package dev.openrouter4j.cost.internal;

import dev.langchain4j.model.embedding.response.EmbeddingResponse;
import dev.langchain4j.model.embedding.response.EmbeddingResponseMetadata;
import dev.langchain4j.model.output.TokenUsage;
import dev.openrouter4j.cost.BilledUnits;
import dev.openrouter4j.cost.CallOutcome;
import dev.openrouter4j.cost.CostEntry;
import dev.openrouter4j.cost.CostSource;
import dev.openrouter4j.cost.ModelPrice;
import dev.openrouter4j.cost.PriceTable;
import dev.openrouter4j.cost.PriceUnit;
import dev.openrouter4j.cost.TokenCounts;
import dev.openrouter4j.cost.CostCalculator;
import dev.openrouter4j.langchain4j.OpenRouterCallKind;
import dev.openrouter4j.langchain4j.OpenRouterCallRequest;
import dev.openrouter4j.langchain4j.OpenRouterCallResponse;
import dev.openrouter4j.langchain4j.OpenRouterCallUsage;
import dev.openrouter4j.langchain4j.OpenRouterEmbeddingResponseMetadata;
import dev.openrouter4j.langchain4j.OpenRouterTokenUsage;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;

/**
 * Turns the end of a non-chat call (embedding, rerank, image, speech, transcription) into a {@link CostEntry}, and
 * prices such a call when OpenRouter reported no cost. Shared by the cost listeners and the budget guard so that both
 * count the same money. The rule, per kind, when there is no reported cost:
 * <ul>
 *   <li>embedding: input tokens at the model's prompt price (plus its per-request fee);</li>
 *   <li>rerank: search units at the {@link PriceUnit#SEARCH_UNIT} price, else one request at the per-request price;</li>
 *   <li>image: images at the {@link PriceUnit#IMAGE} price, else the tokens at the model's token prices;</li>
 *   <li>speech: characters at the {@link PriceUnit#CHARACTER} price;</li>
 *   <li>transcription: seconds at the {@link PriceUnit#SECOND} price, else the tokens at the model's token prices;</li>
 * </ul>
 * else unknown (a null cost, never zero).
 */
public final class KindCosting {

    /** A cost and the version of the price that produced it; a null cost is unknown. */
    public record Priced(BigDecimal cost, String priceVersion) {
        static final Priced UNKNOWN = new Priced(null, null);
    }

    private final PriceTable prices;

    public KindCosting(PriceTable prices) {
        this.prices = prices;
    }

    public PriceTable prices() {
        return prices;
    }

    /** The entry of a non-chat call that answered. */
    public CostEntry fromCall(CallState state, OpenRouterCallRequest request, OpenRouterCallResponse response) {
        OpenRouterCallUsage u = response.usage();
        BilledUnits units = new BilledUnits(orZero(u.images()), orZero(u.searchUnits()), orZero(u.characters()),
                u.seconds());
        int in = orZero(u.inputTokens());
        int out = orZero(u.outputTokens());
        String model = response.modelName() != null ? response.modelName() : request.modelName();
        CostEntry.Builder b = base(state, request.kind(), request.modelName()).outcome(CallOutcome.OK)
                .generationId(response.generationId()).id(response.generationId()).model(model)
                .provider(response.provider()).inputTokens(in).outputTokens(out).units(units);
        return costed(b, request.kind(), model, response.cost(), in, out, units);
    }

    /** The entry of a non-chat call that failed (nothing returned). */
    public CostEntry fromError(CallState state, OpenRouterCallKind kind, String requestedModel, Throwable error) {
        return CallCosting.failed(base(state, kind, requestedModel), error);
    }

    /**
     * The entry of an embedding call that answered. A call split into several requests has several generation ids;
     * the entry then keeps none (its id is the call id), as no single generation describes it.
     */
    public CostEntry fromEmbedding(CallState state, String requestedModel, EmbeddingResponse response) {
        EmbeddingResponseMetadata md = response == null ? null : response.metadata();
        TokenUsage usage = md == null ? null : md.tokenUsage();
        String model = md != null && md.modelName() != null ? md.modelName() : requestedModel;
        BigDecimal reported = usage instanceof OpenRouterTokenUsage o ? o.cost() : null;
        String provider = null;
        String generationId = null;
        if (md instanceof OpenRouterEmbeddingResponseMetadata o) {
            provider = o.provider();
            reported = reported != null ? reported : o.cost();
            List<String> ids = o.generationIds();
            generationId = ids.size() == 1 ? ids.get(0) : null;
        }
        int in = usage == null || usage.inputTokenCount() == null ? 0 : usage.inputTokenCount();
        CostEntry.Builder b = base(state, OpenRouterCallKind.EMBEDDING, requestedModel).outcome(CallOutcome.OK)
                .generationId(generationId).id(generationId).model(model).provider(provider).inputTokens(in);
        if (reported == null && (usage == null || usage.inputTokenCount() == null)) {
            return b.cost(null).source(CostSource.UNKNOWN).build();
        }
        return costed(b, OpenRouterCallKind.EMBEDDING, model, reported, in, 0, BilledUnits.NONE);
    }

    private CostEntry costed(CostEntry.Builder b, OpenRouterCallKind kind, String model, BigDecimal reported,
                             int in, int out, BilledUnits units) {
        if (reported != null) {
            return b.reportedCost(reported).cost(Decimals.normalize(reported)).source(CostSource.REPORTED).build();
        }
        Priced p = price(kind, model, in, out, units);
        return p.cost() == null ? b.cost(null).source(CostSource.UNKNOWN).build()
                : b.cost(p.cost()).source(CostSource.ESTIMATED).priceVersion(p.priceVersion()).build();
    }

    /** The cost of a call of this kind at the catalog's prices (see the class comment), or {@link Priced#UNKNOWN}. */
    public Priced price(OpenRouterCallKind kind, String model, long in, long out, BilledUnits units) {
        return switch (kind) {
            case CHAT -> tokens(model, in, out);
            case EMBEDDING -> inputTokens(model, in);
            case RERANK -> units.searchUnits() > 0
                    ? unit(model, PriceUnit.SEARCH_UNIT, units.searchUnits()).orElseGet(() -> perRequest(model))
                    : perRequest(model);
            case IMAGE -> units.images() > 0
                    ? unit(model, PriceUnit.IMAGE, units.images()).orElseGet(() -> tokens(model, in, out))
                    : tokens(model, in, out);
            case SPEECH -> units.characters() > 0
                    ? unit(model, PriceUnit.CHARACTER, units.characters()).orElse(Priced.UNKNOWN) : Priced.UNKNOWN;
            case TRANSCRIPTION -> units.seconds() != null
                    ? prices.findUnitPrice(model, PriceUnit.SECOND)
                            .map(p -> new Priced(p.times(units.seconds()), p.version()))
                            .orElseGet(() -> tokens(model, in, out))
                    : tokens(model, in, out);
        };
    }

    private java.util.Optional<Priced> unit(String model, PriceUnit unit, long count) {
        return prices.findUnitPrice(model, unit).map(p -> new Priced(p.times(count), p.version()));
    }

    /** Tokens at the model's token prices; unknown when no token was counted (a call is never priced $0 by default). */
    private Priced tokens(String model, long in, long out) {
        if (in + out <= 0) {
            return Priced.UNKNOWN;
        }
        ModelPrice price = prices.find(model).orElse(null);
        BigDecimal cost = CostCalculator.cost(price, TokenCounts.of(in, out));
        return cost == null ? Priced.UNKNOWN : new Priced(cost, price.version());
    }

    /** Embeddings: input tokens at the prompt price (an embedding price may list no completion price). */
    private Priced inputTokens(String model, long in) {
        ModelPrice price = prices.find(model).orElse(null);
        if (price == null || price.prompt() == null || price.prompt().signum() < 0
                || (price.request() != null && price.request().signum() < 0)) {
            return Priced.UNKNOWN;
        }
        BigDecimal cost = price.prompt().multiply(BigDecimal.valueOf(in));
        if (price.request() != null) cost = cost.add(price.request());
        return new Priced(Decimals.normalize(cost), price.version());
    }

    private Priced perRequest(String model) {
        ModelPrice price = prices.find(model).orElse(null);
        if (price == null || price.request() == null || price.request().signum() <= 0) {
            return Priced.UNKNOWN;
        }
        return new Priced(Decimals.normalize(price.request()), price.version());
    }

    private static CostEntry.Builder base(CallState state, OpenRouterCallKind kind, String requestedModel) {
        long nanos = System.nanoTime() - state.startNanos();
        return CostEntry.builder().kind(kind).callId(state.callId()).startedAt(state.startedAt())
                .duration(Duration.ofNanos(Math.max(0, nanos))).requestedModel(requestedModel)
                .attributes(state.attributes());
    }

    private static int orZero(Integer v) {
        return v == null ? 0 : v;
    }
}
