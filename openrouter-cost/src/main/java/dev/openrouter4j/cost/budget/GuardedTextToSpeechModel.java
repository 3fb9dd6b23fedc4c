package dev.openrouter4j.cost.budget;

import dev.langchain4j.model.ModelProvider;
import dev.langchain4j.model.audio.TextToSpeechModel;
import dev.langchain4j.model.audio.TextToSpeechRequest;
import dev.langchain4j.model.audio.TextToSpeechResponse;
import dev.openrouter4j.cost.BilledUnits;
import dev.openrouter4j.langchain4j.OpenRouterCallKind;
import dev.openrouter4j.langchain4j.OpenRouterTextToSpeechModel;

/**
 * A {@link TextToSpeechModel} whose calls pass a {@link BudgetGuard} first, reserving the text's characters at the
 * per-character price; as OpenRouter reports no cost for speech, a call settles at that same estimate.
 */
final class GuardedTextToSpeechModel implements TextToSpeechModel {

    private final BudgetGuard guard;
    private final TextToSpeechModel delegate;
    private final String model;

    GuardedTextToSpeechModel(BudgetGuard guard, TextToSpeechModel delegate) {
        this.guard = guard;
        this.delegate = delegate;
        this.model = delegate instanceof OpenRouterTextToSpeechModel o ? o.modelName() : null;
    }

    @Override
    public TextToSpeechResponse synthesize(TextToSpeechRequest request) {
        String text = request == null ? null : request.text();
        int characters = text == null ? 0 : text.length();
        return guard.guarded(OpenRouterCallKind.SPEECH, model, guard.worstCases().speech(model, text),
                () -> delegate.synthesize(request),
                r -> guard.costOf(OpenRouterCallKind.SPEECH, model, null, 0, 0,
                        new BilledUnits(0, 0, characters, null)));
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
