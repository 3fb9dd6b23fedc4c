package dev.openrouter4j.cost.metrics;

import dev.openrouter4j.cost.CallOutcome;
import dev.openrouter4j.cost.CostEntry;
import dev.openrouter4j.cost.CostLedger;
import dev.openrouter4j.cost.CostSettlement;
import dev.openrouter4j.cost.CostSource;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class CostMetricsTest {

    private static CostEntry entry(String id, String tenant, String cost, CallOutcome outcome) {
        return CostEntry.builder().id(id).generationId(id).requestedModel("openrouter/auto").model("openai/gpt-4o-mini")
                .provider("OpenAI").inputTokens(1000).outputTokens(200).cachedTokens(800).reasoningTokens(50)
                .duration(Duration.ofMillis(1500)).cost(cost == null ? null : new BigDecimal(cost))
                .source(cost == null ? CostSource.UNKNOWN : CostSource.REPORTED).outcome(outcome)
                .attributes(Map.of("tenant", tenant)).build();
    }

    @Test
    void publishes_open_telemetry_gen_ai_meters_and_cost() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        CostLedger ledger = new CostLedger();
        CostMetrics.builder(ledger).build().bindTo(registry);
        ledger.record(entry("gen-1", "acme", "0.25", CallOutcome.OK));
        ledger.record(entry("gen-2", "globex", "0.5", CallOutcome.OK));
        ledger.record(entry("gen-3", "acme", null, CallOutcome.CANCELLED));

        DistributionSummary input = registry.get("gen_ai.client.token.usage").tag("gen_ai.token.type", "input")
                .tag("gen_ai.provider.name", "openrouter").tag("gen_ai.request.model", "openrouter/auto")
                .tag("gen_ai.response.model", "openai/gpt-4o-mini").tag("gen_ai.operation.name", "chat")
                .summary();
        assertThat(input.count()).isEqualTo(3);
        assertThat(input.totalAmount()).isEqualTo(3000);
        assertThat(registry.get("gen_ai.client.token.usage").tag("gen_ai.token.type", "cache_read").summary().totalAmount())
                .isEqualTo(2400);
        assertThat(registry.get("gen_ai.client.token.usage").tag("gen_ai.token.type", "reasoning").summary().count())
                .isEqualTo(3);
        assertThat(registry.get("gen_ai.client.operation.duration").tag("error.type", "cancelled").timer().count())
                .isEqualTo(1);
        assertThat(registry.get("gen_ai.client.cost").counter().count()).isEqualTo(0.75);
        assertThat(registry.get("gen_ai.client.cost.unknown").counter().count()).isEqualTo(1);
        assertThat(registry.get("openrouter.ledger.cost").gauge().value()).isEqualTo(0.75);
        assertThat(registry.getMeters()).as("no tenant tags unless asked for")
                .allSatisfy(m -> assertThat(m.getId().getTag("tenant")).isNull());

        ledger.settle(CostSettlement.of("gen-3", new BigDecimal("0.125"), CostSource.REPORTED, "lookup"));
        assertThat(registry.get("gen_ai.client.cost").counter().count()).isEqualTo(0.875);
    }

    @Test
    void tenant_tags_when_asked_for() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        CostLedger ledger = new CostLedger();
        CostMetrics.builder(ledger).attributeTags("tenant").build().bindTo(registry);
        ledger.record(entry("gen-1", "acme", "0.25", CallOutcome.OK));
        ledger.record(entry("gen-2", "globex", "0.5", CallOutcome.OK));
        assertThat(registry.get("gen_ai.client.cost").tag("tenant", "acme").counter().count()).isEqualTo(0.25);
        assertThat(registry.get("gen_ai.client.cost").tag("tenant", "globex").counter().count()).isEqualTo(0.5);
    }
}
