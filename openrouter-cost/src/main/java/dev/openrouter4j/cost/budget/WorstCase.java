package dev.openrouter4j.cost.budget;

import dev.langchain4j.data.message.Content;
import dev.langchain4j.data.message.TextContent;
import dev.langchain4j.model.TokenCountEstimator;
import dev.langchain4j.model.embedding.request.EmbeddingInput;
import dev.openrouter4j.cost.ModelPrice;
import dev.openrouter4j.cost.PriceTable;
import dev.openrouter4j.cost.PriceUnit;
import dev.openrouter4j.cost.UnitPrice;
import dev.openrouter4j.cost.internal.Decimals;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

/**
 * The worst case a guarded non-chat call reserves, per kind (the rule is documented in the module's README):
 * <ul>
 *   <li>embedding: the inputs' estimated tokens (text by the estimator, {@value #TOKENS_PER_MEDIA} per image) at the
 *       model's prompt price, plus its per-request fee;</li>
 *   <li>rerank: one search unit per 100 documents (at least 1) at the search-unit price, else one request at the
 *       per-request price;</li>
 *   <li>image: {@code n} images at the per-image price;</li>
 *   <li>speech: the text's characters at the per-character price;</li>
 *   <li>transcription: the audio's bytes read as seconds at {@value #WORST_BYTES_PER_SECOND} bytes a second
 *       (32 kbit/s, below any common speech encoding, so never fewer seconds than the audio lasts) at the per-second
 *       price.</li>
 * </ul>
 * A model without the price it needs (or a dynamic one) reserves the guard's unknown-price reservation.
 */
final class WorstCase {

    static final int TOKENS_PER_MEDIA = 1_000;
    static final int DOCUMENTS_PER_SEARCH_UNIT = 100;
    static final int WORST_BYTES_PER_SECOND = 4_000;

    private final PriceTable prices;
    private final TokenCountEstimator estimator;
    private final BigDecimal unknown;

    WorstCase(PriceTable prices, TokenCountEstimator estimator, BigDecimal unknownPriceReservation) {
        this.prices = prices;
        this.estimator = estimator;
        this.unknown = unknownPriceReservation;
    }

    BigDecimal embedding(String model, List<EmbeddingInput> inputs) {
        ModelPrice price = prices.find(model).orElse(null);
        if (price == null || price.prompt() == null || price.prompt().signum() < 0
                || (price.request() != null && price.request().signum() < 0)) {
            return unknown;
        }
        long tokens = 0;
        for (EmbeddingInput input : inputs) {
            for (Content c : input.contents()) {
                tokens += c instanceof TextContent t ? estimator.estimateTokenCountInText(t.text()) : TOKENS_PER_MEDIA;
            }
        }
        BigDecimal cost = price.prompt().multiply(BigDecimal.valueOf(tokens));
        return Decimals.normalize(price.request() == null ? cost : cost.add(price.request()));
    }

    BigDecimal rerank(String model, int documents) {
        int units = Math.max(1, (documents + DOCUMENTS_PER_SEARCH_UNIT - 1) / DOCUMENTS_PER_SEARCH_UNIT);
        return unit(model, PriceUnit.SEARCH_UNIT, units).orElseGet(() -> {
            ModelPrice price = prices.find(model).orElse(null);
            return price != null && price.request() != null && price.request().signum() >= 0 ? price.request() : unknown;
        });
    }

    BigDecimal image(String model, int n) {
        return unit(model, PriceUnit.IMAGE, n).orElse(unknown);
    }

    BigDecimal speech(String model, String text) {
        return unit(model, PriceUnit.CHARACTER, text == null ? 0 : text.length()).orElse(unknown);
    }

    BigDecimal transcription(String model, long audioBytes) {
        long seconds = Math.max(1, (audioBytes + WORST_BYTES_PER_SECOND - 1) / WORST_BYTES_PER_SECOND);
        return unit(model, PriceUnit.SECOND, seconds).orElse(unknown);
    }

    private Optional<BigDecimal> unit(String model, PriceUnit unit, long count) {
        return prices.findUnitPrice(model, unit).map((UnitPrice p) -> p.times(count));
    }
}
