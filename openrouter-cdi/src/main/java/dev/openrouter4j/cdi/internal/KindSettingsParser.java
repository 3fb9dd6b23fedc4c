package dev.openrouter4j.cdi.internal;

import dev.openrouter4j.langchain4j.OpenRouterTextToSpeechModel;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Reads the settings of the models that are not chat models: the default one of each kind
 * ({@code openrouter.embedding.model}, {@code openrouter.rerank.model}, {@code openrouter.image.model},
 * {@code openrouter.speech.model}, {@code openrouter.transcription.model}) with its options under the same prefix, and
 * the named ones ({@code openrouter.models.<name>.kind}), whose options fall back to the kind's prefix as a named
 * chat model's settings fall back to {@code openrouter.*}. A setting that cannot apply to a named model (a chat
 * option on an embedding model, a voice on a chat model) is a problem, never silently ignored.
 */
final class KindSettingsParser {

    /** Options only chat models take. */
    static final List<String> CHAT_ONLY = List.of("return-thinking", "temperature", "top-p", "max-tokens",
            "fallback-models", "reasoning.effort", "reasoning.max-tokens", "reasoning.exclude");
    static final List<String> QUALITIES = List.of("auto", "low", "medium", "high");
    static final List<String> FORMATS = List.of("pcm", "mp3");

    private static final Pattern SIZE = Pattern.compile("\\d{2,5}x\\d{2,5}|512|1K|2K|4K", Pattern.CASE_INSENSITIVE);
    private static final Pattern ASPECT_RATIO = Pattern.compile("\\d{1,2}(\\.\\d)?:\\d{1,2}(\\.\\d)?|auto");
    private static final Pattern LANGUAGE = Pattern.compile("[A-Za-z]{2,3}([-_][A-Za-z0-9]{2,8})?");

    private final PropertyReader in;

    KindSettingsParser(PropertyReader in) {
        this.in = in;
    }

    /** The kind of a named model ({@code openrouter.models.<name>.kind}, default chat), or null when it is wrong. */
    ModelKind kind(String name) {
        Value v = in.read(SettingsParser.MODELS + name + ".kind");
        if (v == null) {
            return ModelKind.CHAT;
        }
        ModelKind k = ModelKind.ofWord(v.text());
        if (k == null) {
            in.problems().add(v.describe() + " is not one of " + String.join(", ", ModelKind.words()));
        }
        return k;
    }

    /** The default model of every kind whose {@code openrouter.<kind>.model} is set, in the kinds' order. */
    List<KindModelSettings> defaults(ModelSettings top) {
        List<KindModelSettings> out = new ArrayList<>();
        for (ModelKind k : ModelKind.OTHERS) {
            Value model = in.read(k.defaultPrefix() + "model");
            KindModelSettings.Options options = options(k, null); // checked even without a model: named ones inherit them
            if (model != null) {
                out.add(new KindModelSettings(k, null, top, model.text(), options));
            }
        }
        return out;
    }

    /** A named model of a kind other than chat; {@code connection} is what it inherits like a chat model. */
    KindModelSettings named(ModelKind kind, String name, ModelSettings connection) {
        rejectForeignOptions(kind, name);
        return new KindModelSettings(kind, name, connection, connection.model(), options(kind, name));
    }

    /** Reports the options a named model of this kind has set but cannot use. */
    void rejectForeignOptions(ModelKind kind, String name) {
        String own = SettingsParser.MODELS + name + ".";
        List<String> foreign = new ArrayList<>();
        if (kind != ModelKind.CHAT) {
            foreign.addAll(CHAT_ONLY);
            if (kind != ModelKind.EMBEDDING && kind != ModelKind.RERANK) {
                SettingsParser.PROVIDER_KEYS.forEach(k -> foreign.add("provider." + k));
            }
        }
        for (ModelKind other : ModelKind.OTHERS) {
            if (other != kind) {
                other.optionKeys().stream().filter(k -> !kind.optionKeys().contains(k)).forEach(foreign::add);
            }
        }
        for (String key : foreign) {
            Value v = in.read(own + key);
            if (v != null) {
                in.problems().add(v.describe() + " does not apply: model '" + name + "' is " + kind.label()
                        + (kind == ModelKind.CHAT ? "" : " (" + PropertyReader.describe(own + "kind") + ")")
                        + "; remove it or change the kind");
            }
        }
    }

    /**
     * Reports every property under a kind's prefix ({@code openrouter.embedding.}, ...) that is not one of its keys,
     * in any of MicroProfile's spellings, with the nearest known key: a typo must not silently fall back to a
     * default.
     */
    void rejectUnknownKeys(Set<String> names) {
        for (String property : names) {
            if (property == null) continue;
            String env = PropertyReader.envName(property);
            if (!property.equals(env) && names.contains(env)) continue; // derived from an environment variable
            for (ModelKind k : ModelKind.OTHERS) {
                String prefix = PropertyReader.envName(k.defaultPrefix());
                if (!env.startsWith(prefix) || env.length() == prefix.length()) continue;
                String key = env.substring(prefix.length());
                List<String> known = new ArrayList<>(k.optionKeys());
                known.add(0, "model");
                if (known.stream().noneMatch(x -> PropertyReader.envName(x).equals(key))) {
                    String typed = property.substring(k.defaultPrefix().length());
                    String nearest = SettingsParser.nearest(typed, known);
                    boolean envStyle = property.equals(env);
                    String source = sourceOf(property);
                    in.problems().add(property + (envStyle ? "" : " (env " + env + ")")
                            + (source == null ? "" : ", from " + source + ",")
                            + " is not a known " + k.word() + " setting"
                            + (nearest == null ? "" : "; did you mean " + (envStyle
                            ? PropertyReader.envName(k.defaultPrefix() + nearest) : k.defaultPrefix() + nearest) + "?")
                            + " (known: " + String.join(", ", known) + ")");
                }
            }
        }
    }

    private String sourceOf(String property) {
        try {
            var cv = in.config().getConfigValue(property);
            return cv == null ? null : cv.getSourceName();
        } catch (RuntimeException e) {
            return null;
        }
    }

    private KindModelSettings.Options options(ModelKind kind, String name) {
        Function<String, Value> get = key -> name == null ? in.read(kind.defaultPrefix() + key)
                : PropertyReader.first(in.read(SettingsParser.MODELS + name + "." + key),
                in.read(kind.defaultPrefix() + key));
        Integer dimensions = null;
        Integer batchSize = null;
        Integer topN = null;
        String size = null;
        String aspectRatio = null;
        String quality = null;
        String voice = null;
        OpenRouterTextToSpeechModel.Format format = null;
        Double speed = null;
        String language = null;
        switch (kind) {
            case EMBEDDING -> {
                dimensions = in.integer(get.apply("dimensions"), 1);
                batchSize = in.integer(get.apply("batch-size"), 1);
            }
            case RERANK -> topN = in.integer(get.apply("top-n"), 1);
            case IMAGE -> {
                size = matching(get.apply("size"), SIZE, "a size: use pixels such as 1024x1024 or a tier 512, 1K,"
                        + " 2K or 4K");
                aspectRatio = matching(get.apply("aspect-ratio"), ASPECT_RATIO, "an aspect ratio such as 1:1, 16:9"
                        + " or auto");
                quality = in.choice(get.apply("quality"), QUALITIES);
            }
            case SPEECH -> {
                Value v = get.apply("voice");
                voice = v == null ? null : v.text();
                String f = in.choice(get.apply("format"), FORMATS);
                format = f == null ? null : OpenRouterTextToSpeechModel.Format.valueOf(f.toUpperCase(Locale.ROOT));
                speed = in.decimal(get.apply("speed"), 0.25, 4);
            }
            case TRANSCRIPTION -> language = matching(get.apply("language"), LANGUAGE,
                    "a language code such as en or pt-BR");
            default -> {
            }
        }
        return new KindModelSettings.Options(dimensions, batchSize, topN, size, aspectRatio, quality, voice, format,
                speed, language);
    }

    private String matching(Value v, Pattern pattern, String what) {
        if (v == null) return null;
        if (!pattern.matcher(v.text()).matches()) {
            in.problems().add(v.describe() + " is not " + what);
            return null;
        }
        return v.text();
    }
}
