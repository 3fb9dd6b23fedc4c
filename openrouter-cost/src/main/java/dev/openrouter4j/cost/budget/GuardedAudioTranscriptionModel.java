package dev.openrouter4j.cost.budget;

import dev.langchain4j.data.audio.Audio;
import dev.langchain4j.model.ModelProvider;
import dev.langchain4j.model.audio.AudioTranscriptionModel;
import dev.langchain4j.model.audio.AudioTranscriptionRequest;
import dev.langchain4j.model.audio.AudioTranscriptionResponse;
import dev.openrouter4j.cost.BilledUnits;
import dev.openrouter4j.langchain4j.OpenRouterAudioTranscriptionModel;
import dev.openrouter4j.langchain4j.OpenRouterCallKind;
import dev.openrouter4j.langchain4j.OpenRouterTranscription;

import java.math.BigDecimal;

/**
 * An {@link AudioTranscriptionModel} whose calls pass a {@link BudgetGuard} first, reserving the audio's worst-case
 * seconds at the per-second price. An {@link OpenRouterAudioTranscriptionModel} is called through
 * {@code transcribeWithUsage}, so the call settles to its reported cost; another model's calls keep their worst case.
 */
final class GuardedAudioTranscriptionModel implements AudioTranscriptionModel {

    private final BudgetGuard guard;
    private final AudioTranscriptionModel delegate;
    private final String model;

    GuardedAudioTranscriptionModel(BudgetGuard guard, AudioTranscriptionModel delegate) {
        this.guard = guard;
        this.delegate = delegate;
        this.model = delegate instanceof OpenRouterAudioTranscriptionModel o ? o.modelName() : null;
    }

    @Override
    public AudioTranscriptionResponse transcribe(AudioTranscriptionRequest request) {
        BigDecimal worst = guard.worstCases().transcription(model, bytes(request == null ? null : request.audio()));
        if (delegate instanceof OpenRouterAudioTranscriptionModel o) {
            OpenRouterTranscription t = guard.guarded(OpenRouterCallKind.TRANSCRIPTION, model, worst,
                    () -> o.transcribeWithUsage(request),
                    r -> guard.costOf(OpenRouterCallKind.TRANSCRIPTION, model, r.cost(),
                            r.usage() == null ? 0 : CallCost.tokens(r.usage().inputTokenCount()),
                            r.usage() == null ? 0 : CallCost.tokens(r.usage().outputTokenCount()),
                            new BilledUnits(0, 0, 0, r.seconds() == null ? null : BigDecimal.valueOf(r.seconds()))));
            return AudioTranscriptionResponse.from(t.text());
        }
        return guard.guarded(OpenRouterCallKind.TRANSCRIPTION, model, worst, () -> delegate.transcribe(request),
                r -> null);
    }

    private static long bytes(Audio audio) {
        if (audio == null) return 0;
        if (audio.binaryData() != null) return audio.binaryData().length;
        return audio.base64Data() == null ? 0 : audio.base64Data().length() * 3L / 4;
    }

    @Override
    public ModelProvider provider() {
        return delegate.provider();
    }

    @Override
    public String toString() {
        return "BudgetGuarded(" + delegate + ")";
    }
}
