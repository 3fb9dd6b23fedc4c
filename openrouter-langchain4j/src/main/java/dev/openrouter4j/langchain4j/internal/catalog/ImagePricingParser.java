package dev.openrouter4j.langchain4j.internal.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import dev.openrouter4j.langchain4j.OpenRouterImagePrice;
import dev.openrouter4j.langchain4j.internal.endpoint.Bodies;
import dev.openrouter4j.langchain4j.internal.error.MalformedResponseException;
import dev.openrouter4j.langchain4j.internal.json.Json;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/** Parses {@code GET /images/models/{author}/{slug}/endpoints} into price lines. */
public final class ImagePricingParser {

    private ImagePricingParser() {
    }

    public static List<OpenRouterImagePrice> parse(byte[] body) throws MalformedResponseException {
        JsonNode root = Bodies.object(body, "the image endpoints response");
        JsonNode endpoints = Bodies.array(root, "endpoints", "the image endpoints response");
        List<OpenRouterImagePrice> out = new ArrayList<>();
        for (JsonNode e : endpoints) {
            String provider = Json.text(e, "provider_name");
            for (JsonNode p : e.path("pricing")) {
                String billable = Json.text(p, "billable");
                String unit = Json.text(p, "unit");
                JsonNode cost = p.get("cost_usd");
                if (billable == null || unit == null || cost == null || !cost.isNumber()) continue;
                out.add(new OpenRouterImagePrice(provider, billable, unit, new BigDecimal(cost.asText()),
                        Json.text(p, "variant")));
            }
        }
        return List.copyOf(out);
    }
}
