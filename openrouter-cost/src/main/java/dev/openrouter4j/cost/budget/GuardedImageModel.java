package dev.openrouter4j.cost.budget;

import dev.langchain4j.data.image.Image;
import dev.langchain4j.model.image.ImageModel;
import dev.langchain4j.model.output.Response;
import dev.langchain4j.model.output.TokenUsage;
import dev.openrouter4j.cost.BilledUnits;
import dev.openrouter4j.langchain4j.OpenRouterCallKind;
import dev.openrouter4j.langchain4j.OpenRouterImageModel;

import java.math.BigDecimal;
import java.util.List;
import java.util.function.Supplier;

/** An {@link ImageModel} whose calls pass a {@link BudgetGuard} first, reserving {@code n} images at the per-image price. */
final class GuardedImageModel implements ImageModel {

    private final BudgetGuard guard;
    private final ImageModel delegate;
    private final String model;

    GuardedImageModel(BudgetGuard guard, ImageModel delegate) {
        this.guard = guard;
        this.delegate = delegate;
        this.model = delegate instanceof OpenRouterImageModel o ? o.modelName() : null;
    }

    @Override
    public Response<Image> generate(String prompt) {
        return guarded(1, () -> delegate.generate(prompt), 1);
    }

    @Override
    public Response<List<Image>> generate(String prompt, int n) {
        return guard.guarded(OpenRouterCallKind.IMAGE, model, guard.worstCases().image(model, n),
                () -> delegate.generate(prompt, n),
                r -> cost(r.tokenUsage(), r.metadata(), r.content() == null ? 0 : r.content().size()));
    }

    @Override
    public Response<Image> edit(Image image, String prompt) {
        return guarded(1, () -> delegate.edit(image, prompt), 1);
    }

    @Override
    public Response<Image> edit(Image image, Image mask, String prompt) {
        return guarded(1, () -> delegate.edit(image, mask, prompt), 1);
    }

    private Response<Image> guarded(int n, Supplier<Response<Image>> call, int made) {
        return guard.guarded(OpenRouterCallKind.IMAGE, model, guard.worstCases().image(model, n), call,
                r -> cost(r.tokenUsage(), r.metadata(), made));
    }

    private BigDecimal cost(TokenUsage usage, java.util.Map<String, Object> metadata, int images) {
        return guard.costOf(OpenRouterCallKind.IMAGE, model, CallCost.reported(usage, metadata),
                usage == null ? 0 : CallCost.tokens(usage.inputTokenCount()),
                usage == null ? 0 : CallCost.tokens(usage.outputTokenCount()), new BilledUnits(images, 0, 0, null));
    }

    @Override
    public String toString() {
        return "BudgetGuarded(" + delegate + ")";
    }
}
