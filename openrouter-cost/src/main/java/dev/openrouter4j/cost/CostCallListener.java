package dev.openrouter4j.cost;

import dev.openrouter4j.langchain4j.OpenRouterCallListener;
import dev.openrouter4j.langchain4j.OpenRouterCallRequest;
import dev.openrouter4j.langchain4j.OpenRouterCallResponse;

import java.time.Clock;

/**
 * Records every call of the rerank, image, speech and transcription models it is registered on into a
 * {@link CostLedger}, with its {@link dev.openrouter4j.langchain4j.OpenRouterCallKind kind}, the units it was billed
 * by (search units, images, characters, seconds) and its cost; failed and interrupted calls too.
 * <pre>{@code
 * CostCallListener costs = new CostCallListener(ledger, prices);
 * OpenRouterScoringModel reranker = OpenRouterScoringModel.builder()...listeners(costs).build();
 * OpenRouterImageModel images = OpenRouterImageModel.builder()...listeners(costs).build();
 * }</pre>
 * The cost is OpenRouter's reported cost when the answer carries one (rerank, image and transcription answers do);
 * otherwise the {@link PriceTable} price of the model that answered: per search unit, per image, per character, per
 * second ({@link PriceTable#findUnitPrice(String, PriceUnit)}), else its per-request or per-token price; otherwise the
 * cost is unknown ({@link CostSource#UNKNOWN}, a null cost, never zero). A speech answer is raw audio with no cost, so
 * a speech call is estimated from its characters or unknown. A failure OpenRouter answered with an HTTP error is
 * {@link CostSource#NOT_BILLED}; a timeout, broken connection or interrupted call is unknown, as it may have been
 * billed. Attribution is the chat {@link CostListener}'s: the {@link CostContext} in effect when the call starts.
 * Thread-safe; one instance can serve many models.
 */
public final class CostCallListener implements OpenRouterCallListener {

    private final CallRecorder recorder;

    /** Records into the ledger, estimating missing costs from the price table. */
    public CostCallListener(CostLedger ledger, PriceTable prices) {
        this(ledger, prices, Clock.systemUTC());
    }

    /** As {@link #CostCallListener(CostLedger, PriceTable)} with a clock for the entries' start times (tests). */
    public CostCallListener(CostLedger ledger, PriceTable prices, Clock clock) {
        this.recorder = new CallRecorder(ledger, prices, clock);
    }

    /** The ledger this listener records into. */
    public CostLedger ledger() {
        return recorder.ledger;
    }

    @Override
    public void onRequest(OpenRouterCallRequest request) {
        recorder.start(request.attributes());
    }

    @Override
    public void onResponse(OpenRouterCallRequest request, OpenRouterCallResponse response) {
        recorder.record(recorder.costing.fromCall(recorder.state(request.attributes()), request, response));
    }

    @Override
    public void onError(OpenRouterCallRequest request, Throwable error) {
        recorder.record(recorder.costing.fromError(recorder.state(request.attributes()), request.kind(),
                request.modelName(), error));
    }
}
