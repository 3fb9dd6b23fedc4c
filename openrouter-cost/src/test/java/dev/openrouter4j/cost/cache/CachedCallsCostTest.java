package dev.openrouter4j.cost.cache;

import dev.openrouter4j.testkit.FakeOpenRouterExtension;
import org.junit.jupiter.api.extension.ExtendWith;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.openrouter4j.cost.CostEntry;
import dev.openrouter4j.cost.CostLedger;
import dev.openrouter4j.cost.CostListener;
import dev.openrouter4j.cost.CostSource;
import dev.openrouter4j.cost.PriceTable;
import dev.openrouter4j.cost.metrics.CostMetrics;
import dev.openrouter4j.cost.store.JsonLinesLedgerStore;
import dev.openrouter4j.cost.store.LedgerStore;
import dev.openrouter4j.langchain4j.OpenRouterCache;
import dev.openrouter4j.langchain4j.OpenRouterChatModel;
import dev.openrouter4j.langchain4j.OpenRouterChatResponseMetadata;
import dev.openrouter4j.langchain4j.OpenRouterStreamingChatModel;
import dev.openrouter4j.langchain4j.ResponseCache;
import dev.openrouter4j.testkit.FakeOpenRouter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Every cache hit is one ledger entry: source CACHED, cost 0, and what it saved. */
@ExtendWith(FakeOpenRouterExtension.class)
class CachedCallsCostTest {

    static final String KEY = "sk-or-v1-test00000000000000000000000000000000000000000000000000000cost";
    static FakeOpenRouter fake;

    @BeforeAll
    static void bind(FakeOpenRouter started) {
        fake = started; // one fake for the class, reset before each test by the extension
    }

    static ChatRequest ask(String text) {
        return ChatRequest.builder().messages(UserMessage.from(text)).build();
    }

    @Test
    void a_client_cache_hit_is_a_cached_entry_with_cost_zero_and_the_original_cost_saved() throws Exception {
        CostLedger ledger = new CostLedger();
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (ResponseCache cache = ResponseCache.builder().build();
             OpenRouterChatModel model = OpenRouterChatModel.builder().apiKey(KEY).baseUrl(fake.baseUrl())
                     .modelName("openai/gpt-4o-mini").temperature(0.0).responseCache(cache)
                     .listeners(new CostListener(ledger, PriceTable.defaults())).build();
             OpenRouterStreamingChatModel streaming = OpenRouterStreamingChatModel.builder().apiKey(KEY)
                     .baseUrl(fake.baseUrl()).modelName("openai/gpt-4o-mini").temperature(0.0).responseCache(cache)
                     .listeners(new CostListener(ledger, PriceTable.defaults())).build()) {
            CostMetrics.builder(ledger).responseCache(cache).build().bindTo(registry);
            ChatResponse paid = model.chat(ask("How much does this cost?"));
            model.chat(ask("How much does this cost?"));
            CompletableFuture<ChatResponse> streamed = new CompletableFuture<>();
            streaming.chat(ask("How much does this cost?"), handler(streamed));
            streamed.get(10, TimeUnit.SECONDS);

            BigDecimal original = ((OpenRouterChatResponseMetadata) paid.metadata()).cost();
            List<CostEntry> entries = awaitEntries(ledger, 3);
            assertThat(entries.get(0).source()).isEqualTo(CostSource.REPORTED);
            assertThat(entries.get(0).cost()).isEqualByComparingTo(original);
            for (CostEntry hit : entries.subList(1, 3)) {
                assertThat(hit.source()).isEqualTo(CostSource.CACHED);
                assertThat(hit.cost()).isZero();
                assertThat(hit.savedCost()).isEqualByComparingTo(original);
                assertThat(hit.inputTokens()).isZero();
                assertThat(hit.id()).isNotEqualTo(entries.get(0).id());
            }
            assertThat(entries.get(2).streaming()).isTrue();
            assertThat(ledger.total().cost()).isEqualByComparingTo(original);
            assertThat(ledger.total().calls()).isEqualTo(3);
            assertThat(registry.get("openrouter.cache.hits").counters().stream().mapToDouble(c -> c.count()).sum())
                    .isEqualTo(2);
            assertThat(registry.get("openrouter.cache.saved").counters().stream().mapToDouble(c -> c.count()).sum())
                    .isCloseTo(original.doubleValue() * 2, org.assertj.core.data.Offset.offset(1e-12));
            assertThat(registry.get("openrouter.cache.requests").tag("result", "hit").functionCounter().count())
                    .isEqualTo(2);
            assertThat(registry.get("openrouter.cache.requests").tag("result", "miss").functionCounter().count())
                    .isEqualTo(1);
            assertThat(registry.get("openrouter.cache.requests").tag("result", "coalesced").functionCounter().count())
                    .isZero();
        }
    }

    @Test
    void an_openrouter_cache_hit_is_cached_with_an_estimate_of_what_it_saved() {
        CostLedger ledger = new CostLedger();
        try (OpenRouterChatModel model = OpenRouterChatModel.builder().apiKey(KEY).baseUrl(fake.baseUrl())
                .modelName("openai/gpt-4o-mini").openRouterCache(OpenRouterCache.on())
                .listeners(new CostListener(ledger, PriceTable.defaults())).build()) {
            model.chat(ask("Cache this on OpenRouter please, it is a fairly long question"));
            ChatResponse hit = model.chat(ask("Cache this on OpenRouter please, it is a fairly long question"));

            CostEntry e = ledger.entries().get(1);
            assertThat(e.source()).isEqualTo(CostSource.CACHED);
            assertThat(e.cost()).isZero();
            assertThat(e.generationId()).isEqualTo(hit.metadata().id()).isNotEqualTo(ledger.entries().get(0).id());
            assertThat(e.savedCost()).as("gpt-4o-mini has a price: the saving is estimated").isPositive();
        }
    }

    @Test
    void the_saved_amount_survives_the_file_store(@TempDir Path dir) {
        Path file = dir.resolve("ledger.jsonl");
        CostEntry hit = CostEntry.builder().id("call-1").callId("call-1").model("openai/gpt-4o-mini")
                .cost(BigDecimal.ZERO).source(CostSource.CACHED).savedCost(new BigDecimal("0.000123")).build();
        try (JsonLinesLedgerStore store = JsonLinesLedgerStore.open(file)) {
            store.append(hit);
        }
        List<CostEntry> loaded = new ArrayList<>();
        try (JsonLinesLedgerStore store = JsonLinesLedgerStore.open(file)) {
            store.load(new LedgerStore.Visitor() {
                @Override
                public void entry(CostEntry e) {
                    loaded.add(e);
                }

                @Override
                public void settlement(dev.openrouter4j.cost.CostSettlement s) {
                }
            });
        }
        assertThat(loaded).containsExactly(hit);
        assertThat(loaded.get(0).savedCost()).isEqualByComparingTo("0.000123");
    }

    private static List<CostEntry> awaitEntries(CostLedger ledger, int n) throws InterruptedException {
        for (int i = 0; i < 200 && ledger.entries().size() < n; i++) {
            Thread.sleep(25);
        }
        return ledger.entries();
    }

    private static StreamingChatResponseHandler handler(CompletableFuture<ChatResponse> done) {
        return new StreamingChatResponseHandler() {
            @Override
            public void onCompleteResponse(ChatResponse r) {
                done.complete(r);
            }

            @Override
            public void onError(Throwable t) {
                done.completeExceptionally(t);
            }
        };
    }
}
