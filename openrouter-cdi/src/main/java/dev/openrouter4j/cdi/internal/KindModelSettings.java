package dev.openrouter4j.cdi.internal;

import dev.openrouter4j.langchain4j.OpenRouterTextToSpeechModel;

/**
 * The parsed settings of one model that is not a chat model: an embedding, rerank, image, speech or transcription
 * model, the default one of its kind ({@code openrouter.<kind>.model}, {@link #name()} null) or a named one
 * ({@code openrouter.models.<name>.kind}). Unset options are null (the builder's defaults apply).
 *
 * @param kind       what kind of model it is (never {@link ModelKind#CHAT})
 * @param name       its name, or null for the default model of its kind
 * @param connection key, base URL, attribution, timeout, retries, logging and provider preferences, inherited from
 *                   the {@code openrouter.*} defaults as a named chat model inherits them (its chat options unused)
 * @param model      the model id, e.g. {@code openai/text-embedding-3-small}, or null when it is missing (reported)
 * @param options    the kind's own options
 */
public record KindModelSettings(ModelKind kind, String name, ModelSettings connection, String model,
                                Options options) {

    /**
     * The options of every kind; those of other kinds are null.
     *
     * @param dimensions  embedding: vector length
     * @param batchSize   embedding: inputs per request
     * @param topN        rerank: how many results OpenRouter returns (the others score 0)
     * @param size        image: a tier or pixels, e.g. {@code 1024x1024}
     * @param aspectRatio image: e.g. {@code 16:9}
     * @param quality     image: {@code auto}, {@code low}, {@code medium} or {@code high}
     * @param voice       speech: the voice, e.g. {@code alloy}
     * @param format      speech: PCM or MP3
     * @param speed       speech: 0.25 to 4
     * @param language    transcription: the spoken language, e.g. {@code en}
     */
    public record Options(Integer dimensions, Integer batchSize, Integer topN, String size, String aspectRatio,
                          String quality, String voice, OpenRouterTextToSpeechModel.Format format, Double speed,
                          String language) {
    }

    /** True for the model configured by {@code openrouter.<kind>.model}. */
    public boolean isDefault() {
        return name == null;
    }

    /** {@code the default embedding model} or {@code model 'docs'}, for messages. */
    public String label() {
        return name == null ? "the default " + kind.word() + " model" : "model '" + name + "'";
    }

    /** The property that sets the model id. */
    public String modelProperty() {
        return name == null ? kind.defaultPrefix() + "model" : SettingsParser.MODELS + name + ".model";
    }

    /** Never shows the key. */
    @Override
    public String toString() {
        return "KindModelSettings{" + kind.word() + ", " + (name == null ? "default" : name) + ", model=" + model
                + ", " + options + ", connection=" + connection + '}';
    }
}
