package dev.openrouter4j.langchain4j.internal.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import dev.openrouter4j.langchain4j.OpenRouterImagePrice;
import dev.openrouter4j.langchain4j.internal.error.MalformedResponseException;
import dev.openrouter4j.langchain4j.internal.json.Json;

import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/** Parses {@code GET /images/models/{author}/{slug}/endpoints} into price lines. */
public final class ImagePricingParser {

    private ImagePricingParser() {
    }

    public static List<OpenRouterImagePrice> parse(byte[] body) throws MalformedResponseException {
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(body);
        } catch (IOException e) {
            throw new MalformedResponseException("the image endpoints response is not valid JSON: " + e.getMessage(), e);
        }
        JsonNode endpoints = root == null ? null : root.get("endpoints");
        if (endpoints == null || !endpoints.isArray()) {
            throw new MalformedResponseException("the image endpoints response has no \"endpoints\" array");
        }
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
