package dev.openrouter4j.langchain4j;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * One billable line of an image model's price at one provider, as {@code GET /images/models/{author}/{slug}/endpoints}
 * states it (for example {@code output_image}, {@code image}, {@code 0.04}).
 * <p>
 * It exists because image models are not priced per token like chat and embedding models: OpenRouter bills per image,
 * per megapixel or per token, per provider, so {@link OpenRouterModelPricing} cannot hold it. Read it with
 * {@link OpenRouterModelCatalog#imagePricing(String)}.
 *
 * @param provider the provider's display name, e.g. {@code Bytedance}
 * @param billable what is billed: {@code output_image}, {@code input_image}, {@code input_text}, ...
 * @param unit     per {@code image}, {@code megapixel} or {@code token}
 * @param costUsd  USD per unit, parsed from the JSON number's text (never through a double)
 * @param variant  the provider's variant (e.g. a resolution tier), or null
 */
public record OpenRouterImagePrice(String provider, String billable, String unit, BigDecimal costUsd, String variant) {

    public OpenRouterImagePrice {
        Objects.requireNonNull(billable, "billable");
        Objects.requireNonNull(unit, "unit");
        Objects.requireNonNull(costUsd, "costUsd");
    }
}
