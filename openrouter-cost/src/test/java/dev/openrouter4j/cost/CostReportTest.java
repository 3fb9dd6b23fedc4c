package dev.openrouter4j.cost;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class CostReportTest {

    private static CostLedger ledger() {
        CostLedger ledger = new CostLedger();
        ledger.record(Entries.reported("gen-1", "openai/gpt-4o-mini", "0.0076509169000000005", Map.of("tenant", "acme")));
        ledger.record(Entries.reported("gen-2", "anthropic/claude-sonnet-4.5", "0.25", Map.of("tenant", "a,b \"c\"")));
        ledger.record(Entries.unknown("gen-3", "x-ai/grok-4", Map.of()));
        return ledger;
    }

    @Test
    void text_table() {
        String text = CostReport.of(ledger()).toText();
        System.out.println(text);
        assertThat(text).startsWith("OpenRouter cost report: $0.2576509169 over 3 calls, 1 with unknown cost (not in the total)");
        assertThat(text).contains("by model").contains("by provider").contains("by tenant").contains("(no tenant)");
        assertThat(text).contains("0.25");
    }

    @Test
    void csv_is_exact_and_quoted() {
        String csv = CostReport.of(ledger()).toCsv();
        String[] lines = csv.split("\n");
        assertThat(lines[0]).isEqualTo("dimension,key,calls,ok,errors,cancelled,refused,input,output,cached,cache_write,"
                + "reasoning,cost_usd,reported,estimated,unknown");
        assertThat(lines[1]).isEqualTo("total,*,3,2,0,1,0,200,100,20,0,10,0.2576509169000000005,2,0,1");
        assertThat(csv).contains("model,openai/gpt-4o-mini,1,1,0,0,0,100,50,10,0,5,0.0076509169000000005,1,0,0");
        assertThat(csv).contains("tenant,\"a,b \"\"c\"\"\",1,");
    }

    @Test
    void json_is_exact() throws Exception {
        JsonNode json = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .readTree(CostReport.of(ledger()).toJson());
        assertThat(json.path("total").path("cost_usd").asText()).isEqualTo("0.2576509169000000005");
        assertThat(json.path("total").path("unknown").asInt()).isEqualTo(1);
        assertThat(json.path("by").path("model")).hasSize(3);
        assertThat(json.path("by").path("tenant").get(1).path("key").asText()).isEqualTo("acme");
    }
}
