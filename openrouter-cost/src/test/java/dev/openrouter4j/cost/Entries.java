package dev.openrouter4j.cost;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/** Test entries. */
final class Entries {

    private Entries() {
    }

    static CostEntry reported(String id, String model, String cost, Map<String, String> attributes) {
        return CostEntry.builder().id(id).callId("call-" + id).generationId(id).startedAt(Instant.parse("2026-05-22T10:00:00Z"))
                .duration(Duration.ofMillis(1234)).requestedModel(model).model(model).provider("OpenAI")
                .inputTokens(100).outputTokens(50).cachedTokens(10).reasoningTokens(5)
                .cost(new BigDecimal(cost)).reportedCost(new BigDecimal(cost)).source(CostSource.REPORTED)
                .outcome(CallOutcome.OK).attributes(attributes).build();
    }

    static CostEntry unknown(String id, String model, Map<String, String> attributes) {
        return CostEntry.builder().id(id).callId("call-" + id).generationId(id).startedAt(Instant.parse("2026-05-22T10:00:00Z"))
                .duration(Duration.ofMillis(10)).requestedModel(model).model(model)
                .cost(null).source(CostSource.UNKNOWN).outcome(CallOutcome.CANCELLED).streaming(true)
                .attributes(attributes).build();
    }
}
