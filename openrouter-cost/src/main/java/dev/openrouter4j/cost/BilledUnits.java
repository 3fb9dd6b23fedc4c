package dev.openrouter4j.cost;

import dev.openrouter4j.cost.internal.Decimals;

import java.math.BigDecimal;

/**
 * The units beyond tokens a call was billed by: images generated, rerank search units, characters of text spoken,
 * seconds of audio transcribed. Zero (or a null {@code seconds}) when the call used none or the answer did not say.
 * <p>
 * It exists because embedding, rerank, image, speech and transcription calls are priced per unit, not (only) per
 * token, and a ledger entry must say what its cost multiplied.
 *
 * @param images      images generated
 * @param searchUnits rerank search units (one query over up to 100 documents)
 * @param characters  characters of text sent to be spoken
 * @param seconds     seconds of audio, exact as reported, or null
 */
public record BilledUnits(int images, int searchUnits, int characters, BigDecimal seconds) {

    /** No units (every chat call). */
    public static final BilledUnits NONE = new BilledUnits(0, 0, 0, null);

    public BilledUnits {
        if (images < 0 || searchUnits < 0 || characters < 0 || (seconds != null && seconds.signum() < 0)) {
            throw new IllegalArgumentException("billed units cannot be negative");
        }
        seconds = seconds == null ? null : Decimals.normalize(seconds);
    }

    /** True when no unit was counted. */
    public boolean isEmpty() {
        return images == 0 && searchUnits == 0 && characters == 0 && seconds == null;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BilledUnits b && images == b.images && searchUnits == b.searchUnits
                && characters == b.characters && Decimals.equal(seconds, b.seconds);
    }

    @Override
    public int hashCode() {
        return images * 31 * 31 + searchUnits * 31 + characters;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("BilledUnits{");
        if (images > 0) sb.append("images=").append(images).append(' ');
        if (searchUnits > 0) sb.append("searchUnits=").append(searchUnits).append(' ');
        if (characters > 0) sb.append("characters=").append(characters).append(' ');
        if (seconds != null) sb.append("seconds=").append(seconds.toPlainString()).append(' ');
        return sb.toString().strip() + '}';
    }
}
