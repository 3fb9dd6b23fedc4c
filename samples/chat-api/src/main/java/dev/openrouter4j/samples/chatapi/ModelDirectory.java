package dev.openrouter4j.samples.chatapi;

import dev.openrouter4j.langchain4j.OpenRouterModelCatalog;
import dev.openrouter4j.langchain4j.OpenRouterModelInfo;
import dev.openrouter4j.langchain4j.OpenRouterModelPricing;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The models clients may pick, from OpenRouter's catalog (the {@code OpenRouterModelCatalog} bean of
 * {@code openrouter-cdi}, cached for an hour): listing with a filter, and checking a requested id.
 */
@ApplicationScoped
public class ModelDirectory {

    private static final BigDecimal THOUSAND = BigDecimal.valueOf(1000);

    @Inject
    OpenRouterModelCatalog catalog;

    /**
     * The models whose id or name contains every word of {@code query} (case-insensitive), in OpenRouter's order;
     * all of them when the query is blank.
     */
    public List<Api.ModelView> list(String query) {
        String[] words = query == null || query.isBlank() ? new String[0]
                : query.toLowerCase(Locale.ROOT).trim().split("\\s+");
        List<Api.ModelView> out = new ArrayList<>();
        for (OpenRouterModelInfo m : catalog.models()) {
            String text = (m.id() + " " + (m.name() == null ? "" : m.name())).toLowerCase(Locale.ROOT);
            boolean all = true;
            for (String w : words) {
                if (!text.contains(w)) {
                    all = false;
                    break;
                }
            }
            if (all) {
                out.add(view(m));
            }
        }
        return out;
    }

    /**
     * Checks that the catalog knows the id (or its dated slug, or a variant such as {@code :free}).
     *
     * @throws ApiException 400 {@code unknown_model} with the nearest known ids
     */
    public void requireKnown(String id) {
        if (catalog.find(id).isPresent()) {
            return;
        }
        List<String> suggestions = catalog.suggest(id, 3);
        String hint = suggestions.isEmpty() ? " See GET /api/v1/llm/models for the ids."
                : " Did you mean: " + String.join(", ", suggestions) + "?";
        throw new ApiException(new ApiError(400, "unknown_model", "Unknown model '" + id + "'." + hint, null,
                suggestions, null, null));
    }

    private static Api.ModelView view(OpenRouterModelInfo m) {
        OpenRouterModelPricing p = m.pricing();
        Api.Price price = p.isDynamic() || (p.prompt() == null && p.completion() == null) ? null
                : new Api.Price(per1k(p.prompt()), per1k(p.completion()));
        return new Api.ModelView(m.id(), m.name(), m.contextLength(), price);
    }

    private static BigDecimal per1k(BigDecimal perToken) {
        if (perToken == null) return null;
        BigDecimal v = perToken.multiply(THOUSAND).stripTrailingZeros();
        return v.signum() == 0 ? BigDecimal.ZERO : v;
    }
}
