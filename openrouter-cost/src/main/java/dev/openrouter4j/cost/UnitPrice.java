package dev.openrouter4j.cost;

import dev.openrouter4j.cost.internal.Decimals;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Objects;

/**
 * What one unit of a non-token-priced model costs: USD per image, per rerank search unit, per character spoken or per
 * second of audio, with where the price came from.
 * <p>
 * It exists because image, rerank, speech and transcription models are billed per unit, which {@link ModelPrice}
 * (per token) cannot say. {@link PriceTable#findUnitPrice(String, PriceUnit)} finds one: an override of yours, else,
 * for images, OpenRouter's live image pricing. OpenRouter's catalog does not list per-unit prices of rerank, speech or
 * transcription models, so those come from overrides only; without one, a call whose cost OpenRouter did not report
 * has an unknown cost (never zero).
 *
 * @param modelId the model the price is listed under
 * @param unit    what one unit is
 * @param usd     USD per unit, exact, not negative
 * @param source  which table listed it
 * @param asOf    the date of that table, or null
 */
public record UnitPrice(String modelId, PriceUnit unit, BigDecimal usd, PriceSource source, LocalDate asOf) {

    public UnitPrice {
        Objects.requireNonNull(modelId, "modelId");
        Objects.requireNonNull(unit, "unit");
        Objects.requireNonNull(usd, "usd");
        Objects.requireNonNull(source, "source");
        if (usd.signum() < 0) {
            throw new IllegalArgumentException("a unit price cannot be negative: " + modelId + " " + unit + " "
                    + usd.toPlainString());
        }
        usd = Decimals.normalize(usd);
    }

    /** {@code count} units at this price. */
    public BigDecimal times(long count) {
        return Decimals.normalize(usd.multiply(BigDecimal.valueOf(count)));
    }

    /** {@code amount} units (e.g. 0.32 seconds) at this price. */
    public BigDecimal times(BigDecimal amount) {
        return Decimals.normalize(usd.multiply(amount));
    }

    /** A short label for ledger entries, e.g. {@code OVERRIDE 2026-05-22}. */
    public String version() {
        return asOf == null ? source.name() : source.name() + " " + asOf;
    }
}
