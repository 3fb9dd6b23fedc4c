package dev.openrouter4j.langchain4j;

import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.request.DefaultChatRequestParameters;
import dev.langchain4j.model.openai.OpenAiChatRequestParameters;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * LangChain4j's common request parameters plus OpenRouter's own: fallback models, provider routing, reasoning,
 * plugins, prompt caching, presets, sessions, and a raw {@link Builder#extraBody(Map) extraBody} for fields OpenRouter
 * adds after this library.
 * <p>
 * Use it as a model's {@code defaultRequestParameters} and per request; the two merge key by key: a per-request value
 * replaces the default of the same field only, {@code provider}, {@code reasoning} and {@code extraBody} merge field by
 * field, and plugins merge by id. OpenRouter fields also survive a merge with plain {@code DefaultChatRequestParameters}
 * (which AI Services pass, carrying tools and response formats), and a per-request {@code OpenAiChatRequestParameters}
 * of code migrating from {@code langchain4j-open-ai} is mapped (seed, user, logit bias, parallel tool calls, reasoning
 * effort, max completion tokens, metadata, service tier and custom parameters), not dropped.
 */
public class OpenRouterChatRequestParameters extends DefaultChatRequestParameters {

    /** No parameters set. */
    public static final OpenRouterChatRequestParameters EMPTY = builder().build();

    private final List<String> fallbackModels;
    private final ProviderPreferences provider;
    private final Reasoning reasoning;
    private final List<OpenRouterPlugin> plugins;
    private final CacheControl cacheControl;
    private final String promptCacheKey;
    private final String preset;
    private final String sessionId;
    private final String user;
    private final String verbosity;
    private final Integer seed;
    private final Boolean parallelToolCalls;
    private final Map<String, Integer> logitBias;
    private final Map<String, String> metadata;
    private final Map<String, Object> extraBody;
    private final OpenRouterCache openRouterCache;

    protected OpenRouterChatRequestParameters(Builder builder) {
        super(builder);
        this.fallbackModels = builder.fallbackModels == null ? null : List.copyOf(builder.fallbackModels);
        this.provider = builder.provider;
        this.reasoning = builder.reasoning;
        this.plugins = builder.plugins == null ? null : List.copyOf(builder.plugins);
        this.cacheControl = builder.cacheControl;
        this.promptCacheKey = builder.promptCacheKey;
        this.preset = builder.preset;
        this.sessionId = builder.sessionId;
        this.user = builder.user;
        this.verbosity = builder.verbosity;
        this.seed = builder.seed;
        this.parallelToolCalls = builder.parallelToolCalls;
        this.logitBias = builder.logitBias == null ? null : Map.copyOf(builder.logitBias);
        this.metadata = builder.metadata == null ? null : Map.copyOf(builder.metadata);
        this.extraBody = builder.extraBody == null ? null
                : Collections.unmodifiableMap(new LinkedHashMap<>(builder.extraBody));
        this.openRouterCache = builder.openRouterCache;
    }

    /**
     * OpenRouter's own response cache for this call (sent as headers, not in the body), or null for the model's
     * default (off).
     */
    public OpenRouterCache openRouterCache() { return openRouterCache; }

    /** Models to try, in order, when the primary one fails (wire: {@code models}). */
    public List<String> fallbackModels() { return fallbackModels; }

    /** Provider routing preferences (wire: {@code provider}). */
    public ProviderPreferences provider() { return provider; }

    /** Reasoning settings (wire: {@code reasoning}). */
    public Reasoning reasoning() { return reasoning; }

    /** OpenRouter plugins (wire: {@code plugins}). */
    public List<OpenRouterPlugin> plugins() { return plugins; }

    /** Automatic prompt caching (wire: {@code cache_control}). */
    public CacheControl cacheControl() { return cacheControl; }

    /** A key that groups requests sharing a cached prefix (wire: {@code prompt_cache_key}). */
    public String promptCacheKey() { return promptCacheKey; }

    /** A preset configured on openrouter.ai, e.g. {@code @preset/my-preset} (wire: {@code preset}). */
    public String preset() { return preset; }

    /** Groups calls into a session and keeps them on one provider (wire: {@code session_id}). */
    public String sessionId() { return sessionId; }

    /** A stable id of your end user, for abuse isolation (wire: {@code user}). */
    public String user() { return user; }

    /** {@code low}, {@code medium} or {@code high} answer length (wire: {@code verbosity}). */
    public String verbosity() { return verbosity; }

    /** Sampling seed (wire: {@code seed}). */
    public Integer seed() { return seed; }

    /** Whether the model may call several tools at once (wire: {@code parallel_tool_calls}). */
    public Boolean parallelToolCalls() { return parallelToolCalls; }

    /** Token id to bias (wire: {@code logit_bias}). */
    public Map<String, Integer> logitBias() { return logitBias; }

    /** Up to 16 key/value pairs stored with the generation (wire: {@code metadata}). */
    public Map<String, String> metadata() { return metadata; }

    /**
     * Raw top-level body fields, sent as given, for what OpenRouter adds next. They are written last, so a key here
     * replaces a typed field of the same name.
     */
    public Map<String, Object> extraBody() { return extraBody; }

    @Override
    public OpenRouterChatRequestParameters overrideWith(ChatRequestParameters that) {
        return builder().overrideWith(this).overrideWith(that).build();
    }

    @Override
    public OpenRouterChatRequestParameters defaultedBy(ChatRequestParameters that) {
        return builder().overrideWith(that).overrideWith(this).build();
    }

    @Override
    public boolean equals(Object o) {
        if (!super.equals(o)) return false;
        OpenRouterChatRequestParameters p = (OpenRouterChatRequestParameters) o;
        return Objects.equals(fallbackModels, p.fallbackModels) && Objects.equals(provider, p.provider)
                && Objects.equals(reasoning, p.reasoning) && Objects.equals(plugins, p.plugins)
                && Objects.equals(cacheControl, p.cacheControl) && Objects.equals(promptCacheKey, p.promptCacheKey)
                && Objects.equals(preset, p.preset) && Objects.equals(sessionId, p.sessionId)
                && Objects.equals(user, p.user) && Objects.equals(verbosity, p.verbosity)
                && Objects.equals(seed, p.seed) && Objects.equals(parallelToolCalls, p.parallelToolCalls)
                && Objects.equals(logitBias, p.logitBias) && Objects.equals(metadata, p.metadata)
                && Objects.equals(extraBody, p.extraBody) && Objects.equals(openRouterCache, p.openRouterCache);
    }

    @Override
    public int hashCode() {
        return Objects.hash(super.hashCode(), fallbackModels, provider, reasoning, plugins, cacheControl,
                promptCacheKey, preset, sessionId, user, verbosity, seed, parallelToolCalls, logitBias, metadata,
                extraBody, openRouterCache);
    }

    @Override
    public String toString() {
        return "OpenRouterChatRequestParameters{modelName=" + modelName() + ", temperature=" + temperature()
                + ", topP=" + topP() + ", topK=" + topK() + ", maxOutputTokens=" + maxOutputTokens()
                + ", fallbackModels=" + fallbackModels + ", provider=" + provider + ", reasoning=" + reasoning
                + ", plugins=" + plugins + ", cacheControl=" + cacheControl + ", preset=" + preset
                + ", sessionId=" + sessionId + ", user=" + user + ", verbosity=" + verbosity + ", seed=" + seed
                + ", toolSpecifications=" + (toolSpecifications() == null ? null : toolSpecifications().size())
                + ", responseFormat=" + responseFormat() + ", extraBody=" + (extraBody == null ? null : extraBody.keySet())
                + (openRouterCache == null ? "" : ", openRouterCache=" + openRouterCache)
                + '}';
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Builds {@link OpenRouterChatRequestParameters}; every field is optional. */
    public static class Builder extends DefaultChatRequestParameters.Builder<Builder> {

        private List<String> fallbackModels;
        private ProviderPreferences provider;
        private Reasoning reasoning;
        private List<OpenRouterPlugin> plugins;
        private CacheControl cacheControl;
        private String promptCacheKey;
        private String preset;
        private String sessionId;
        private String user;
        private String verbosity;
        private Integer seed;
        private Boolean parallelToolCalls;
        private Map<String, Integer> logitBias;
        private Map<String, String> metadata;
        private Map<String, Object> extraBody;
        private OpenRouterCache openRouterCache;

        /**
         * Takes every field {@code parameters} sets: the common ones, OpenRouter's (merged key by key, see the class
         * comment), and those of an {@code OpenAiChatRequestParameters}.
         */
        @Override
        public Builder overrideWith(ChatRequestParameters parameters) {
            if (parameters == null) {
                return this;
            }
            super.overrideWith(parameters);
            if (parameters instanceof OpenRouterChatRequestParameters p) {
                if (p.fallbackModels != null) fallbackModels = p.fallbackModels;
                if (p.provider != null) provider = provider == null ? p.provider : provider.mergedWith(p.provider);
                if (p.reasoning != null) reasoning = reasoning == null ? p.reasoning : reasoning.mergedWith(p.reasoning);
                if (p.plugins != null) plugins = mergePlugins(plugins, p.plugins);
                if (p.cacheControl != null) cacheControl = p.cacheControl;
                if (p.promptCacheKey != null) promptCacheKey = p.promptCacheKey;
                if (p.preset != null) preset = p.preset;
                if (p.sessionId != null) sessionId = p.sessionId;
                if (p.user != null) user = p.user;
                if (p.verbosity != null) verbosity = p.verbosity;
                if (p.seed != null) seed = p.seed;
                if (p.parallelToolCalls != null) parallelToolCalls = p.parallelToolCalls;
                if (p.logitBias != null) logitBias = p.logitBias;
                if (p.metadata != null) metadata = p.metadata;
                if (p.extraBody != null) extraBody = mergeMaps(extraBody, p.extraBody);
                if (p.openRouterCache != null) openRouterCache = p.openRouterCache;
            } else if (parameters instanceof OpenAiChatRequestParameters o) {
                if (o.maxCompletionTokens() != null) maxOutputTokens(o.maxCompletionTokens());
                if (o.seed() != null) seed = o.seed();
                if (o.user() != null) user = o.user();
                if (o.parallelToolCalls() != null) parallelToolCalls = o.parallelToolCalls();
                if (o.logitBias() != null) logitBias = o.logitBias();
                if (o.metadata() != null) metadata = o.metadata();
                if (o.reasoningEffort() != null) {
                    Reasoning r = Reasoning.ofEffort(o.reasoningEffort());
                    reasoning = reasoning == null ? r : reasoning.mergedWith(r);
                }
                Map<String, Object> extra = new LinkedHashMap<>();
                if (o.serviceTier() != null) extra.put("service_tier", o.serviceTier());
                if (o.customParameters() != null) extra.putAll(o.customParameters());
                if (!extra.isEmpty()) extraBody = mergeMaps(extraBody, extra);
            }
            return this;
        }

        private static List<OpenRouterPlugin> mergePlugins(List<OpenRouterPlugin> base, List<OpenRouterPlugin> over) {
            if (base == null || base.isEmpty()) {
                return over;
            }
            List<OpenRouterPlugin> merged = new ArrayList<>();
            for (OpenRouterPlugin p : base) {
                if (over.stream().noneMatch(o -> o.id().equals(p.id()))) {
                    merged.add(p);
                }
            }
            merged.addAll(over);
            return merged;
        }

        private static Map<String, Object> mergeMaps(Map<String, Object> base, Map<String, Object> over) {
            Map<String, Object> merged = new LinkedHashMap<>();
            if (base != null) merged.putAll(base);
            merged.putAll(over);
            return merged;
        }

        /** Models to try, in order, when the primary one fails (wire: {@code models}). */
        public Builder fallbackModels(List<String> fallbackModels) { this.fallbackModels = fallbackModels; return this; }
        public Builder fallbackModels(String... fallbackModels) { return fallbackModels(List.of(fallbackModels)); }
        public Builder provider(ProviderPreferences provider) { this.provider = provider; return this; }
        public Builder reasoning(Reasoning reasoning) { this.reasoning = reasoning; return this; }
        public Builder plugins(List<OpenRouterPlugin> plugins) { this.plugins = plugins; return this; }
        public Builder plugins(OpenRouterPlugin... plugins) { return plugins(List.of(plugins)); }
        public Builder cacheControl(CacheControl cacheControl) { this.cacheControl = cacheControl; return this; }
        public Builder promptCacheKey(String promptCacheKey) { this.promptCacheKey = promptCacheKey; return this; }
        public Builder preset(String preset) { this.preset = preset; return this; }
        public Builder sessionId(String sessionId) { this.sessionId = sessionId; return this; }
        public Builder user(String user) { this.user = user; return this; }

        /** {@code low}, {@code medium} or {@code high}. */
        public Builder verbosity(String verbosity) {
            if (verbosity != null && !List.of("low", "medium", "high").contains(verbosity)) {
                throw new IllegalArgumentException("verbosity must be low, medium or high, not \"" + verbosity + "\"");
            }
            this.verbosity = verbosity;
            return this;
        }

        public Builder seed(Integer seed) { this.seed = seed; return this; }
        public Builder parallelToolCalls(Boolean parallelToolCalls) { this.parallelToolCalls = parallelToolCalls; return this; }
        public Builder logitBias(Map<String, Integer> logitBias) { this.logitBias = logitBias; return this; }
        public Builder metadata(Map<String, String> metadata) { this.metadata = metadata; return this; }
        public Builder extraBody(Map<String, Object> extraBody) { this.extraBody = extraBody; return this; }

        /** OpenRouter's own response cache for this call; see {@link OpenRouterCache}. */
        public Builder openRouterCache(OpenRouterCache openRouterCache) { this.openRouterCache = openRouterCache; return this; }

        @Override
        public OpenRouterChatRequestParameters build() {
            return new OpenRouterChatRequestParameters(this);
        }
    }
}
