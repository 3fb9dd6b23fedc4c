package dev.openrouter4j.cost.kinds;

import dev.langchain4j.data.audio.Audio;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.audio.AudioTranscriptionModel;
import dev.langchain4j.model.audio.AudioTranscriptionRequest;
import dev.langchain4j.model.audio.TextToSpeechModel;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.image.ImageModel;
import dev.langchain4j.model.scoring.ScoringModel;
import dev.openrouter4j.cost.CallOutcome;
import dev.openrouter4j.cost.CostEntry;
import dev.openrouter4j.cost.CostLedger;
import dev.openrouter4j.cost.CostSource;
import dev.openrouter4j.cost.ModelPrice;
import dev.openrouter4j.cost.PriceTable;
import dev.openrouter4j.cost.PriceUnit;
import dev.openrouter4j.cost.budget.Admission;
import dev.openrouter4j.cost.budget.Budget;
import dev.openrouter4j.cost.budget.BudgetExceededException;
import dev.openrouter4j.cost.budget.BudgetGuard;
import dev.openrouter4j.cost.budget.BudgetPeriod;
import dev.openrouter4j.cost.budget.BudgetStore;
import dev.openrouter4j.cost.budget.JdbcBudgetStore;
import dev.openrouter4j.cost.store.JdbcLedgerStore;
import dev.openrouter4j.langchain4j.OpenRouterAudioTranscriptionModel;
import dev.openrouter4j.langchain4j.OpenRouterCallKind;
import dev.openrouter4j.langchain4j.OpenRouterEmbeddingModel;
import dev.openrouter4j.langchain4j.OpenRouterImageModel;
import dev.openrouter4j.langchain4j.OpenRouterScoringModel;
import dev.openrouter4j.langchain4j.OpenRouterTextToSpeechModel;
import dev.openrouter4j.langchain4j.exception.OpenRouterServerException;
import dev.openrouter4j.testkit.FakeOpenRouter;
import dev.openrouter4j.testkit.FakeResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;

import static dev.openrouter4j.cost.kinds.CostForEveryKindTest.connect;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Guarded embedding, rerank, image, speech and transcription models against the fake: a call reserves the worst case
 * of its kind, is refused before anything is sent once the budget is spent (the refusal recorded in the ledger with
 * its kind), and settles to its real cost; with the in-memory and with the JDBC budget store.
 */
class BudgetsForEveryKindTest {

    static FakeOpenRouter fake;

    CostLedger ledger;

    @BeforeAll
    static void start() {
        fake = FakeOpenRouter.start();
        CostForEveryKindTest.fake = fake;
    }

    @AfterAll
    static void stop() {
        fake.close();
    }

    @BeforeEach
    void reset() {
        fake.reset();
        ledger = new CostLedger();
    }

    static final PriceTable PRICES = PriceTable.builder()
            .override(ModelPrice.builder("openai/text-embedding-3-small").prompt("0.00000002").completion("0").build())
            .overrideUnitPrice("cohere/rerank-v3.5", PriceUnit.SEARCH_UNIT, "0.002")
            .overrideUnitPrice("bytedance-seed/seedream-4.5", PriceUnit.IMAGE, "0.04")
            .overrideUnitPrice("openai/gpt-4o-mini-tts", PriceUnit.CHARACTER, "0.000015")
            .overrideUnitPrice("openai/whisper-large-v3", PriceUnit.SECOND, "0.0000308")
            .build();

    BudgetGuard guard(String limit, Admission admission, BudgetStore store) {
        return BudgetGuard.builder().budget(Budget.total("all", new BigDecimal(limit), BudgetPeriod.DAY))
                .priceTable(PRICES).ledger(ledger).admission(admission).store(store).build();
    }

    BigDecimal spent(BudgetGuard guard) {
        return guard.status("all", "*").spent();
    }

    int sent() {
        return fake.requests().size();
    }

    @Test
    void an_embedding_model_reserves_its_estimated_tokens_and_is_refused_once_the_budget_is_spent() {
        BudgetGuard guard = guard("0.0000005", Admission.WHILE_REMAINING, BudgetStore.inMemory());
        try (OpenRouterEmbeddingModel raw = connect(OpenRouterEmbeddingModel.builder(), "openai/text-embedding-3-small")
                .build()) {
            EmbeddingModel model = guard.guard(raw);
            List<TextSegment> many = IntStream.range(0, 20).mapToObj(i -> TextSegment.from("document number " + i))
                    .toList();
            model.embedAll(many);
            assertThat(spent(guard)).as("settled to the reported cost").isPositive()
                    .isEqualByComparingTo(ledgerless(raw, many));
            int before = sent();
            BudgetExceededException refused = catchThrowableOfType(() -> model.embed("hello"),
                    BudgetExceededException.class);
            assertThat(refused).as("spent beyond the limit: refused").isNotNull();
            assertThat(refused.requested()).as("ceil(5 chars / 3) tokens at the prompt price")
                    .isEqualByComparingTo("0.00000004");
            assertThat(sent()).as("nothing sent").isEqualTo(before);
        }
        CostEntry refusal = ledger.entries().get(0);
        assertThat(refusal.kind()).isEqualTo(OpenRouterCallKind.EMBEDDING);
        assertThat(refusal.outcome()).isEqualTo(CallOutcome.REFUSED);
        assertThat(refusal.source()).isEqualTo(CostSource.NOT_BILLED);
    }

    /** What the fake charges for these segments, read from a second, unguarded call. */
    private static BigDecimal ledgerless(OpenRouterEmbeddingModel raw, List<TextSegment> segments) {
        Object cost = raw.embedAll(segments).metadata().get("cost");
        return (BigDecimal) cost;
    }

    @Test
    void a_rerank_reserves_one_search_unit_per_hundred_documents_and_settles_to_its_cost() {
        List<TextSegment> docs = IntStream.range(0, 150).mapToObj(i -> TextSegment.from("doc " + i)).toList();
        BudgetGuard tight = guard("0.003", Admission.WORST_CASE_FITS, BudgetStore.inMemory());
        BudgetGuard roomy = guard("0.0065", Admission.WORST_CASE_FITS, BudgetStore.inMemory());
        try (OpenRouterScoringModel raw = connect(OpenRouterScoringModel.builder(), "cohere/rerank-v3.5").build()) {
            ScoringModel refused = tight.guard(raw);
            BudgetExceededException e = catchThrowableOfType(() -> refused.scoreAll(docs, "doc 7"),
                    BudgetExceededException.class);
            assertThat(e.requested()).as("2 search units x $0.002").isEqualByComparingTo("0.004");
            assertThat(sent()).isZero();

            assertThat(roomy.guard(raw).scoreAll(docs, "doc 7").content()).hasSize(150);
            assertThat(spent(roomy)).isEqualByComparingTo("0.004");
            assertThat(roomy.guard(raw).score("doc 1", "doc").content()).as("1 unit still fits").isNotNull();
            assertThat(spent(roomy)).isEqualByComparingTo("0.006");
        }
    }

    @Test
    void an_image_model_reserves_n_images_and_refuses_before_sending_once_spent() {
        BudgetGuard guard = guard("0.1", Admission.WHILE_REMAINING, BudgetStore.inMemory());
        try (OpenRouterImageModel raw = connect(OpenRouterImageModel.builder(), "bytedance-seed/seedream-4.5").build()) {
            ImageModel model = guard.guard(raw);
            model.generate("a panda", 2);
            assertThat(spent(guard)).isEqualByComparingTo("0.08");
            model.generate("another panda");
            assertThat(spent(guard)).as("admitted while some budget remained").isEqualByComparingTo("0.12");
            int before = sent();
            BudgetExceededException e = catchThrowableOfType(() -> model.generate("a third", 3),
                    BudgetExceededException.class);
            assertThat(e.requested()).as("3 images x $0.04").isEqualByComparingTo("0.12");
            assertThat(sent()).isEqualTo(before);
        }
        assertThat(ledger.byKind().get(OpenRouterCallKind.IMAGE).refused()).isEqualTo(1);
    }

    @Test
    void a_failed_image_call_releases_what_it_reserved_as_nothing_was_billed() {
        BudgetGuard guard = guard("0.1", Admission.WORST_CASE_FITS, BudgetStore.inMemory());
        fake.enqueue("/images", FakeResponse.serverError());
        try (OpenRouterImageModel raw = connect(OpenRouterImageModel.builder(), "bytedance-seed/seedream-4.5").build()) {
            ImageModel model = guard.guard(raw);
            assertThat(catchThrowableOfType(() -> model.generate("x", 2), OpenRouterServerException.class)).isNotNull();
            assertThat(spent(guard)).isZero();
            assertThat(guard.status("all", "*").reserved()).isZero();
        }
    }

    @Test
    void speech_and_transcription_reserve_characters_and_worst_case_seconds() {
        BudgetGuard guard = guard("1", Admission.WORST_CASE_FITS, BudgetStore.inMemory());
        try (OpenRouterTextToSpeechModel rawTts = connect(OpenRouterTextToSpeechModel.builder(),
                "openai/gpt-4o-mini-tts").build();
             OpenRouterAudioTranscriptionModel rawStt = connect(OpenRouterAudioTranscriptionModel.builder(),
                     "openai/whisper-large-v3").build()) {
            TextToSpeechModel tts = guard.guard(rawTts);
            AudioTranscriptionModel stt = guard.guard(rawStt);
            byte[] pcm = tts.synthesize("The quick brown fox").audio().binaryData();
            assertThat(spent(guard)).as("19 characters x $0.000015").isEqualByComparingTo("0.000285");
            String text = stt.transcribe(AudioTranscriptionRequest.builder(Audio.builder().binaryData(pcm)
                    .mimeType("audio/pcm16").build()).build()).text();
            assertThat(text).isEqualTo("The quick brown fox");
            assertThat(spent(guard)).as("plus the reported 0.32 s x $0.0000308")
                    .isEqualByComparingTo("0.000294856");
        }
        BudgetGuard tiny = guard("0.0001", Admission.WORST_CASE_FITS, BudgetStore.inMemory());
        try (OpenRouterAudioTranscriptionModel rawStt = connect(OpenRouterAudioTranscriptionModel.builder(),
                "openai/whisper-large-v3").build()) {
            byte[] minute = new byte[48_000 * 60];
            BudgetExceededException e = catchThrowableOfType(() -> tiny.guard(rawStt).transcribe(
                    AudioTranscriptionRequest.builder(Audio.builder().binaryData(minute).mimeType("audio/pcm16")
                            .build()).build()), BudgetExceededException.class);
            assertThat(e.requested()).as("720 worst-case seconds (4,000 bytes a second)")
                    .isEqualByComparingTo(new BigDecimal("0.0000308").multiply(BigDecimal.valueOf(720)));
        }
    }

    @Test
    void two_guards_on_one_jdbc_budget_store_share_the_image_spend() {
        org.h2.jdbcx.JdbcDataSource h2 = new org.h2.jdbcx.JdbcDataSource();
        h2.setURL("jdbc:h2:mem:kind-budgets-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        JdbcLedgerStore ledgerStore = JdbcLedgerStore.create(h2);
        BudgetGuard first = guard("0.1", Admission.WORST_CASE_FITS, JdbcBudgetStore.on(ledgerStore));
        BudgetGuard second = guard("0.1", Admission.WORST_CASE_FITS, JdbcBudgetStore.on(ledgerStore));
        List<BudgetGuard> guards = new ArrayList<>(List.of(first, second));
        try (OpenRouterImageModel raw = connect(OpenRouterImageModel.builder(), "bytedance-seed/seedream-4.5").build()) {
            first.guard(raw).generate("one", 2);
            assertThat(spent(second)).as("seen by the other instance").isEqualByComparingTo("0.08");
            BudgetExceededException e = catchThrowableOfType(() -> second.guard(raw).generate("two", 2),
                    BudgetExceededException.class);
            assertThat(e.spent()).isEqualByComparingTo("0.08");
            assertThat(fake.requests()).hasSize(1);
        } finally {
            guards.forEach(BudgetGuard::close);
        }
    }
}
