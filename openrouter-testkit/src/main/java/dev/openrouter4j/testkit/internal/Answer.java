package dev.openrouter4j.testkit.internal;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/** A synthesized completion before it is written as JSON or as a stream: text or one tool call, plus usage. */
public final class Answer {

    public String id;
    public long created;
    public String model;
    public String provider;
    public ModelCatalog.Price price;

    /** Text content; {@code ""} for a tool call. */
    public String content = "";
    /** The content as streamed, one piece per chunk; concatenated they equal {@link #content}. */
    public List<String> pieces = new ArrayList<>();

    public String toolCallId;
    public String toolName;
    public String toolArguments;

    /** Generated images as {@code data:} URLs (chat image output); empty for a text-only answer. */
    public List<String> images = new ArrayList<>();

    public String finishReason = "stop";
    public String nativeFinishReason = "stop";

    public int promptTokens;
    public int completionTokens;
    public BigDecimal promptCost = BigDecimal.ZERO;
    public BigDecimal completionCost = BigDecimal.ZERO;
    public BigDecimal cost = BigDecimal.ZERO;

    public boolean isToolCall() {
        return toolName != null;
    }

    /** Exact cost: {@code prompt * price.prompt + completion * price.completion}, trailing zeros stripped. */
    public void computeCost() {
        promptCost = plain(price.prompt().multiply(BigDecimal.valueOf(promptTokens)));
        completionCost = plain(price.completion().multiply(BigDecimal.valueOf(completionTokens)));
        cost = plain(promptCost.add(completionCost));
    }

    static BigDecimal plain(BigDecimal d) {
        return d.signum() == 0 ? BigDecimal.ZERO : d.stripTrailingZeros();
    }
}
