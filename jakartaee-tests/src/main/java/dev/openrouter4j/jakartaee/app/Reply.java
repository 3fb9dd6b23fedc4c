package dev.openrouter4j.jakartaee.app;

import jakarta.json.bind.annotation.JsonbProperty;

/** A JSON answer whose property name only JSON-B gives it (Jackson would write {@code modelId}). */
public class Reply {

    @JsonbProperty("model_id")
    public String modelId;

    public String text;
}
