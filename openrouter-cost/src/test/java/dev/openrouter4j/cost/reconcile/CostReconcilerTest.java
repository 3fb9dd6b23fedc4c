package dev.openrouter4j.cost.reconcile;

import dev.openrouter4j.cost.CallOutcome;
import dev.openrouter4j.cost.CostEntry;
import dev.openrouter4j.cost.CostLedger;
import dev.openrouter4j.cost.CostSource;
import dev.openrouter4j.cost.store.JsonLinesLedgerStore;
import dev.openrouter4j.langchain4j.OpenRouterAccountClient.GenerationInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class CostReconcilerTest {

    @TempDir
    Path dir;

    private static CostEntry cancelled(String id) {
        return CostEntry.builder().id(id).generationId(id).callId("call-" + id).startedAt(Instant.now())
                .requestedModel("google/gemini-2.5-flash").model("google/gemini-2.5-flash")
                .source(CostSource.UNKNOWN).outcome(CallOutcome.CANCELLED).streaming(true)
                .attributes(Map.of("tenant", "acme")).build();
    }

    private static GenerationInfo generation(String id, String total, String upstream, boolean byok) {
        return new GenerationInfo(id, "google/gemini-2.5-flash", "Google AI Studio", new BigDecimal(total),
                upstream == null ? null : new BigDecimal(upstream), 326, 91, 330, 95, 0, 0, true, true, byok,
                "stop", "STOP", Instant.now());
    }

    @Test
    void settles_known_generations_appends_settlements_and_survives_a_reload() {
        Path file = dir.resolve("ledger.jsonl");
        try (CostLedger ledger = new CostLedger(JsonLinesLedgerStore.open(file))) {
            ledger.record(cancelled("gen-byok"));
            ledger.record(cancelled("gen-plain"));
            ledger.record(cancelled("gen-missing"));
            ledger.record(cancelled("gen-broken"));
            ledger.record(CostEntry.builder().id("call-no-gen").callId("call-no-gen").source(CostSource.UNKNOWN)
                    .outcome(CallOutcome.ERROR).build());
            GenerationLookup lookup = id -> switch (id) {
                case "gen-byok" -> Optional.of(generation(id, "0", "0.0003253", true));
                case "gen-plain" -> Optional.of(generation(id, "0.000151", "0.000151", false));
                case "gen-broken" -> throw new IllegalStateException("HTTP 500");
                default -> Optional.empty();
            };
            ReconcileResult r = new CostReconciler(ledger, lookup).reconcile();
            assertThat(r.examined()).as("only entries with a generation id").isEqualTo(4);
            assertThat(r.settled()).isEqualTo(2);
            assertThat(r.notFound()).isEqualTo(1);
            assertThat(r.failed()).isEqualTo(1);
            assertThat(r.errors()).singleElement().asString().contains("gen-broken");
            assertThat(r.settledCost()).isEqualByComparingTo("0.0004763");
            CostEntry byok = ledger.entry("gen-byok").orElseThrow();
            assertThat(byok.cost()).isEqualByComparingTo("0.0003253");
            assertThat(byok.reportedCost()).isEqualByComparingTo("0");
            assertThat(byok.upstreamCost()).isEqualByComparingTo("0.0003253");
            assertThat(byok.inputTokens()).as("native (billed) counts").isEqualTo(330);
            assertThat(ledger.unknownCount()).isEqualTo(3);
            assertThat(ledger.unresolved()).extracting(CostEntry::id).containsExactlyInAnyOrder("gen-missing", "gen-broken");
            // a second pass only retries what is still unknown
            assertThat(new CostReconciler(ledger, lookup).reconcile().examined()).isEqualTo(2);
        }
        try (CostLedger reloaded = new CostLedger(JsonLinesLedgerStore.open(file))) {
            assertThat(reloaded.totalCost()).isEqualByComparingTo("0.0004763");
            assertThat(reloaded.unknownCount()).isEqualTo(3);
            assertThat(reloaded.byAttribute("tenant").get("acme").cost()).isEqualByComparingTo("0.0004763");
            assertThat(reloaded.loadResult().settlements()).isEqualTo(2);
        }
    }
}
