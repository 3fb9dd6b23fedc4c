package dev.openrouter4j.cost;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.math.BigDecimal;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Table-driven checks of the price arithmetic and of which price a model id resolves to. */
class PriceArithmeticTest {

    private static final PriceTable TABLE = PriceTable.builder()
            .override(ModelPrice.builder("acme/reasoner").prompt("0.000001").completion("0.000004")
                    .internalReasoning("0.00001").build())
            .override(ModelPrice.builder("acme/fee").prompt("0.000001").completion("0.000002")
                    .request("0.005").webSearch("0.01").build())
            .override(ModelPrice.builder("acme/dynamic-search").prompt("0.000001").completion("0.000002")
                    .webSearch("-1").build())
            .overridePattern("acme/pattern-.*", ModelPrice.builder("acme/pattern").promptPerMillion("2")
                    .completionPerMillion("8").build())
            .build();

    static Stream<Arguments> cases() {
        return Stream.of(
                // name, model, prompt, completion, cacheRead, cacheWrite, reasoning, webSearches, expected (null = unknown), source
                Arguments.of("plain input and output", "openai/gpt-4o-mini", 1000, 500, 0, 0, 0, 0, "0.00045", PriceSource.SNAPSHOT),
                Arguments.of("cached reads priced once, at the cache price", "openai/gpt-4o-mini", 1000, 500, 800, 0, 0, 0, "0.00039", PriceSource.SNAPSHOT),
                Arguments.of("cache reads and writes on Anthropic", "anthropic/claude-sonnet-4.5", 10000, 2000, 6000, 3000, 0, 0, "0.04605", PriceSource.SNAPSHOT),
                Arguments.of("reasoning at its own price", "acme/reasoner", 100, 1000, 0, 0, 600, 0, "0.0077", PriceSource.OVERRIDE),
                Arguments.of("reasoning without a price = completion price", "openai/gpt-5-mini", 17, 2177, 0, 0, 960, 0, "0.00435825", PriceSource.SNAPSHOT),
                Arguments.of("per-request fee", "acme/fee", 10, 20, 0, 0, 0, 0, "0.00505", PriceSource.OVERRIDE),
                Arguments.of("per-request fee and web searches", "acme/fee", 10, 20, 0, 0, 0, 2, "0.02505", PriceSource.OVERRIDE),
                Arguments.of("dynamic web search price, none used", "acme/dynamic-search", 10, 20, 0, 0, 0, 0, "0.00005", PriceSource.OVERRIDE),
                Arguments.of("dynamic web search price, used", "acme/dynamic-search", 10, 20, 0, 0, 0, 1, null, PriceSource.OVERRIDE),
                Arguments.of("listed free variant", "openai/gpt-oss-20b:free", 5000, 5000, 0, 0, 0, 0, "0", PriceSource.SNAPSHOT),
                Arguments.of("unlisted :free variant is free", "openai/gpt-4o-mini:free", 5000, 5000, 100, 0, 0, 0, "0", PriceSource.RULE),
                Arguments.of(":free of an unknown model is free", "google/gemini-2.0-flash-exp:free", 8, 17, 0, 0, 0, 0, "0", PriceSource.RULE),
                Arguments.of("dynamic router price is unknown", "openrouter/auto", 100, 100, 0, 0, 0, 0, null, PriceSource.SNAPSHOT),
                Arguments.of("missing cache price = prompt price (seed)", "anthropic/claude-3-haiku", 1000, 100, 400, 0, 0, 0, "0.000375", PriceSource.SEED),
                Arguments.of("seed beats snapshot", "openai/gpt-3.5-turbo", 1000, 1000, 0, 0, 0, 0, "0.0035", PriceSource.SEED),
                Arguments.of("seed per-1K prices: GPT-4 Turbo", "openai/gpt-4-turbo", 1000, 1000, 0, 0, 0, 0, "0.04", PriceSource.SEED),
                Arguments.of("seed: GPT-4", "openai/gpt-4", 1000, 1000, 0, 0, 0, 0, "0.09", PriceSource.SEED),
                Arguments.of("seed: Claude 3 Opus", "anthropic/claude-3-opus", 1000, 1000, 0, 0, 0, 0, "0.09", PriceSource.SEED),
                Arguments.of("seed: Claude 3 Sonnet", "anthropic/claude-3-sonnet", 1000, 1000, 0, 0, 0, 0, "0.018", PriceSource.SEED),
                Arguments.of("seed: Gemini Pro 1.5", "google/gemini-pro-1.5", 1000, 1000, 0, 0, 0, 0, "0.002", PriceSource.SEED),
                Arguments.of("seed: Llama 3 70B", "meta-llama/llama-3-70b-instruct", 1000, 1000, 0, 0, 0, 0, "0.00138", PriceSource.SEED),
                Arguments.of("seed: Llama 3 8B", "meta-llama/llama-3-8b-instruct", 1000, 1000, 0, 0, 0, 0, "0.00012", PriceSource.SEED),
                Arguments.of("canonical dated slug", "anthropic/claude-4.5-sonnet-20250929", 1000, 100, 0, 0, 0, 0, "0.0045", PriceSource.SNAPSHOT),
                Arguments.of("canonical dated slug (OpenAI)", "openai/gpt-5-mini-2025-08-07", 17, 2177, 0, 0, 960, 0, "0.00435825", PriceSource.SNAPSHOT),
                Arguments.of("case-insensitive", "OpenAI/GPT-4o-Mini", 1000, 500, 0, 0, 0, 0, "0.00045", PriceSource.SNAPSHOT),
                Arguments.of(":thinking priced as base", "openai/gpt-4o-mini:thinking", 1000, 500, 0, 0, 0, 0, "0.00045", PriceSource.SNAPSHOT),
                Arguments.of(":nitro priced as base", "openai/gpt-4o-mini:nitro", 1000, 500, 0, 0, 0, 0, "0.00045", PriceSource.SNAPSHOT),
                Arguments.of(":floor priced as base (seed)", "openai/gpt-4:floor", 1000, 1000, 0, 0, 0, 0, "0.09", PriceSource.SEED),
                Arguments.of("a listed :thinking variant uses its own listing", "qwen/qwen-plus-2025-07-28:thinking", 1000, 1000, 0, 0, 0, 0, "0.00104", PriceSource.SNAPSHOT),
                Arguments.of("dated id of a listed model", "openai/gpt-4o-mini-2099-01-01", 1000, 500, 0, 0, 0, 0, "0.00045", PriceSource.SNAPSHOT),
                Arguments.of("regex override", "acme/pattern-x", 1000, 1000, 0, 0, 0, 0, "0.01", PriceSource.OVERRIDE),
                Arguments.of("reasoning above completion is clamped", "openai/gpt-4o-mini", 43, 10, 0, 0, 11, 0, "0.00001245", PriceSource.SNAPSHOT),
                Arguments.of("unknown model", "acme/nonexistent-1", 100, 100, 0, 0, 0, 0, null, null),
                Arguments.of("unknown base of a variant", "anthropic/claude-3.7-sonnet:thinking", 43, 402, 0, 0, 0, 0, null, null),
                Arguments.of("nothing used costs nothing", "openai/gpt-4o-mini", 0, 0, 0, 0, 0, 0, "0", PriceSource.SNAPSHOT)
        );
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void prices(String name, String model, int prompt, int completion, int cacheRead, int cacheWrite, int reasoning,
                int webSearches, String expected, PriceSource source) {
        TokenCounts tokens = TokenCounts.of(prompt, completion, cacheRead, cacheWrite, reasoning).withWebSearches(webSearches);
        CostEstimate estimate = TABLE.estimate(model, tokens);
        if (expected == null) {
            assertThat(estimate.cost()).as("unknown, never zero").isNull();
            assertThat(estimate.source()).isEqualTo(CostSource.UNKNOWN);
        } else {
            assertThat(estimate.cost()).isNotNull();
            assertThat(estimate.cost()).isEqualByComparingTo(new BigDecimal(expected));
            assertThat(estimate.source()).isEqualTo(CostSource.ESTIMATED);
        }
        if (source == null) {
            assertThat(estimate.price()).isNull();
        } else {
            assertThat(estimate.price().source()).isEqualTo(source);
        }
    }

    @Test
    void token_groups_never_overlap() {
        TokenCounts t = TokenCounts.of(1000, 500, 700, 400, 600);
        assertThat(t.billedCacheRead()).isEqualTo(700);
        assertThat(t.billedCacheWrite()).isEqualTo(300);
        assertThat(t.uncachedInput()).isZero();
        assertThat(t.billedCacheRead() + t.billedCacheWrite() + t.uncachedInput()).isEqualTo(1000);
        assertThat(t.billedReasoning()).isEqualTo(500);
        assertThat(t.textOutput()).isZero();
    }

    @Test
    void every_entry_says_its_source_and_date() {
        ModelPrice seed = PriceTable.defaults().find("openai/gpt-4-turbo").orElseThrow();
        assertThat(seed.version()).isEqualTo("SEED 2024-05-01");
        assertThat(seed.prompt()).isEqualByComparingTo("0.00001");
        assertThat(seed.maxCompletionTokens()).as("limits filled from the snapshot").isEqualTo(4096);
        ModelPrice snapshot = PriceTable.defaults().find("openai/gpt-4o-mini").orElseThrow();
        assertThat(snapshot.version()).isEqualTo("SNAPSHOT 2026-05-22");
        assertThat(snapshot.maxCompletionTokens()).isEqualTo(16384);
    }

    @Test
    void override_beats_every_source() {
        PriceTable t = PriceTable.builder()
                .override(ModelPrice.builder("openai/gpt-4-turbo").prompt("0.000002").completion("0.000003").build())
                .build();
        assertThat(t.find("openai/gpt-4-turbo").orElseThrow().source()).isEqualTo(PriceSource.OVERRIDE);
        assertThat(t.estimate("openai/gpt-4-turbo", TokenCounts.of(1000, 1000)).cost()).isEqualByComparingTo("0.005");
    }

    @Test
    void without_seed_the_snapshot_prices_the_seed_models() {
        PriceTable t = PriceTable.builder().seed(false).build();
        assertThat(t.find("openai/gpt-3.5-turbo").orElseThrow().prompt()).isEqualByComparingTo("0.0000005");
    }

    @Test
    void prices_are_exact_decimals() {
        // 1/12 of a cent per million, as OpenRouter lists Gemini cache writes: no rounding anywhere
        ModelPrice p = PriceTable.defaults().find("google/gemini-3.1-flash-lite").orElseThrow();
        assertThat(p.inputCacheWrite().toPlainString()).isEqualTo("0.00000008333333333333334");
        BigDecimal cost = CostCalculator.cost(p, TokenCounts.of(3, 0, 0, 3, 0));
        assertThat(cost).isEqualByComparingTo("0.00000025000000000000002");
    }
}
