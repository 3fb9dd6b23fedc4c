package dev.openrouter4j.cdi.internal;

import dev.openrouter4j.cost.budget.BudgetPeriod;
import dev.openrouter4j.cost.budget.StoreFailurePolicy;
import dev.openrouter4j.langchain4j.ProviderPreferences;
import dev.openrouter4j.langchain4j.Reasoning;
import org.eclipse.microprofile.config.Config;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the {@code openrouter.*} properties from plain MicroProfile Config ({@code getConfigValue}, strings only) into
 * a {@link ParsedConfig}, recording every problem instead of stopping at the first.
 */
public final class SettingsParser {

    /** The prefix of every property. */
    public static final String PREFIX = "openrouter.";
    /** The prefix of the named models' properties. */
    public static final String MODELS = PREFIX + "models.";
    /** The list of named models. */
    public static final String MODEL_NAMES = PREFIX + "model-names";

    /** The keys under {@code openrouter.provider.} (and {@code openrouter.models.<name>.provider.}). */
    public static final List<String> PROVIDER_KEYS = List.of("order", "only", "ignore", "allow-fallbacks",
            "require-parameters", "data-collection", "zdr", "sort");
    static final List<String> DATA_COLLECTION = ProviderPreferences.DATA_COLLECTION;
    static final List<String> SORTS = ProviderPreferences.SORTS;
    static final List<String> EFFORTS = Reasoning.EFFORTS;
    static final List<String> PERIODS = List.of("day", "week", "month", "none");
    static final List<String> STORE_FAILURE_POLICIES = List.of("refuse", "admit");

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]*");
    private static final Pattern DOTTED_MODEL = Pattern.compile(Pattern.quote(MODELS) + "([^.]+)\\.(.+)");

    private final PropertyReader in;

    private SettingsParser(Config config) {
        this.in = new PropertyReader(config, new Problems());
    }

    /** Reads and checks the whole configuration. */
    public static ParsedConfig parse(Config config) {
        return new SettingsParser(config).parse();
    }

    private ParsedConfig parse() {
        Boolean enabled = in.bool(in.read(PREFIX + "enabled"));
        if (Boolean.FALSE.equals(enabled)) {
            return ParsedConfig.disabled(new Problems());
        }
        ModelSettings defaults = model(null);
        KindSettingsParser kinds = new KindSettingsParser(in);
        List<KindModelSettings> kindModels = new ArrayList<>(kinds.defaults(defaults));
        Map<String, ModelSettings> named = new LinkedHashMap<>();
        List<String> listed = modelNames();
        for (String name : listed) {
            ModelKind kind = kinds.kind(name);
            ModelSettings settings = model(name);
            if (kind == ModelKind.CHAT) {
                kinds.rejectForeignOptions(kind, name);
                named.put(name, settings);
            } else if (kind != null) {
                kindModels.add(kinds.named(kind, name, settings));
            }
        }
        Set<String> unlisted = scanPropertyNames(Set.copyOf(listed));
        kinds.rejectUnknownKeys(propertyNames());
        CostSettings cost = cost();
        CacheSettings cache = CacheSettings.read(in);
        return new ParsedConfig(true, defaults, named, unlisted, cost, in.problems(), cache, kindModels);
    }

    // ------------------------------------------------------------------ models

    private Value own(String name, String key) {
        return in.read(name == null ? PREFIX + key : MODELS + name + "." + key);
    }

    /** The model's own value, else (for a named model) the default's. */
    private Value get(String name, String key) {
        Value v = own(name, key);
        return v != null || name == null ? v : in.read(PREFIX + key);
    }

    private ModelSettings model(String name) {
        Value keyValue = name == null ? in.readUnstripped(PREFIX + "api-key")
                : PropertyReader.first(in.readUnstripped(MODELS + name + ".api-key"),
                in.readUnstripped(PREFIX + "api-key"));
        String apiKey = null;
        if (keyValue != null) {
            String k = keyValue.text();
            if (k.chars().anyMatch(Character::isWhitespace)) {
                in.problems().add(keyValue.describe() + " contains white space (a stray newline or space from the"
                        + " environment or a file?); OpenRouter keys look like sk-or-v1-...");
            } else {
                apiKey = k;
            }
        }
        String baseUrl = in.url(get(name, "base-url"));
        String model = name == null ? string(own(null, "model")) : string(own(name, "model"));
        if (name != null && model == null) {
            in.problems().add("model '" + name + "' is listed in " + PropertyReader.describe(MODEL_NAMES)
                    + " but " + PropertyReader.describe(MODELS + name + ".model")
                    + " is not set: set it to an OpenRouter model id such as openai/gpt-4o-mini");
        }
        return new ModelSettings(name, apiKey, keyValue == null ? null : keyValue.property(), baseUrl, model,
                string(get(name, "app-url")), string(get(name, "app-title")),
                in.duration(get(name, "timeout")),
                in.integer(get(name, "max-retries"), 0),
                in.bool(get(name, "log-requests")),
                in.bool(get(name, "log-responses")),
                in.bool(get(name, "return-thinking")),
                in.decimal(get(name, "temperature"), 0, 2),
                in.decimal(get(name, "top-p"), 0, 1),
                in.integer(get(name, "max-tokens"), 1),
                in.list(get(name, "fallback-models")),
                provider(name),
                reasoning(name));
    }

    private static String string(Value v) {
        return v == null ? null : v.text();
    }

    private ProviderPreferences provider(String name) {
        List<String> order = in.list(get(name, "provider.order"));
        List<String> only = in.list(get(name, "provider.only"));
        List<String> ignore = in.list(get(name, "provider.ignore"));
        Boolean allowFallbacks = in.bool(get(name, "provider.allow-fallbacks"));
        Boolean requireParameters = in.bool(get(name, "provider.require-parameters"));
        String dataCollection = in.choice(get(name, "provider.data-collection"), DATA_COLLECTION);
        Boolean zdr = in.bool(get(name, "provider.zdr"));
        String sort = in.choice(get(name, "provider.sort"), SORTS);
        if (order == null && only == null && ignore == null && allowFallbacks == null && requireParameters == null
                && dataCollection == null && zdr == null && sort == null) {
            return null;
        }
        return ProviderPreferences.builder().order(order).only(only).ignore(ignore).allowFallbacks(allowFallbacks)
                .requireParameters(requireParameters).dataCollection(dataCollection).zdr(zdr).sort(sort).build();
    }

    private Reasoning reasoning(String name) {
        // effort and max-tokens are one choice: a model that sets either does not inherit the other
        Value effort = own(name, "reasoning.effort");
        Value maxTokens = own(name, "reasoning.max-tokens");
        if (name != null && effort == null && maxTokens == null) {
            effort = own(null, "reasoning.effort");
            maxTokens = own(null, "reasoning.max-tokens");
        }
        String e = in.choice(effort, EFFORTS);
        Integer m = in.integer(maxTokens, 0);
        Boolean exclude = in.bool(get(name, "reasoning.exclude"));
        if (effort != null && maxTokens != null) {
            in.problems().add(PropertyReader.describe(effort.property()) + " and "
                    + PropertyReader.describe(maxTokens.property())
                    + " are both set: a model takes a reasoning effort or a reasoning token budget, not both");
            return null;
        }
        if (e == null && m == null && exclude == null) {
            return null;
        }
        return new Reasoning(e, m, exclude, null);
    }

    private List<String> modelNames() {
        Value v = in.read(MODEL_NAMES);
        List<String> names = in.list(v);
        if (names == null) {
            return List.of();
        }
        Set<String> out = new LinkedHashSet<>();
        for (int i = 0; i < names.size(); i++) {
            String n = names.get(i);
            if (NAME.matcher(n).matches()) {
                out.add(n);
            } else {
                in.problems().add(v.describe() + ": name #" + (i + 1) + " is not a valid model name; use letters,"
                        + " digits, '-' and '_' (it becomes part of property names)");
            }
        }
        return List.copyOf(out);
    }

    // ------------------------------------------------------------------ property names: typos and unlisted models

    /**
     * Checks every {@code openrouter.provider.*} and {@code openrouter.models.<name>.provider.*} property name, in
     * any of MicroProfile's three spellings, against the known keys; returns the names of models that have dotted
     * settings but are not listed in {@code openrouter.model-names}.
     */
    private Set<String> scanPropertyNames(Set<String> listed) {
        Set<String> known = new LinkedHashSet<>();
        for (String k : PROVIDER_KEYS) {
            known.add(PropertyReader.envName(k));
        }
        List<String> envPrefixes = new ArrayList<>();
        envPrefixes.add(PropertyReader.envName(PREFIX + "provider."));
        for (String n : listed) {
            envPrefixes.add(PropertyReader.envName(MODELS + n + ".provider."));
        }
        Set<String> unlisted = new TreeSet<>();
        Set<String> names = new LinkedHashSet<>();
        try {
            in.config().getPropertyNames().forEach(names::add);
        } catch (RuntimeException e) {
            return unlisted;
        }
        for (String property : names) {
            if (property == null) continue;
            String envForm = PropertyReader.envName(property);
            if (!property.equals(envForm) && names.contains(envForm)) {
                // a dotted name the config derived from an environment variable (SmallRye does): the variable's
                // own name is checked instead, without guessing where its underscores were dots or dashes
                continue;
            }
            Matcher dotted = DOTTED_MODEL.matcher(property);
            String providerKey = null;
            String typoPrefix = null;
            if (dotted.matches()) {
                String n = dotted.group(1);
                String rest = dotted.group(2);
                if (!listed.contains(n)) {
                    unlisted.add(n);
                }
                if (rest.startsWith("provider.")) {
                    providerKey = rest.substring("provider.".length());
                    typoPrefix = MODELS + n + ".provider.";
                }
            } else {
                String env = PropertyReader.envName(property);
                for (String p : envPrefixes) {
                    if (env.startsWith(p) && env.length() > p.length()) {
                        providerKey = property.substring(p.length());
                        typoPrefix = property.substring(0, p.length());
                        break;
                    }
                }
            }
            if (providerKey != null && !known.contains(PropertyReader.envName(providerKey))) {
                String suggestion = nearest(providerKey);
                String source = sourceOf(property);
                boolean envStyle = property.equals(PropertyReader.envName(property));
                in.problems().add(property + (envStyle ? "" : " (env " + PropertyReader.envName(property) + ")")
                        + (source == null ? "" : ", from " + source + ",")
                        + " is not a known provider setting"
                        + (suggestion == null ? "" : "; did you mean "
                        + (envStyle ? PropertyReader.envName(typoPrefix + suggestion) : typoPrefix + suggestion) + "?")
                        + " (known: " + String.join(", ", PROVIDER_KEYS) + ")");
            }
        }
        return unlisted;
    }

    private Set<String> propertyNames() {
        Set<String> names = new LinkedHashSet<>();
        try {
            in.config().getPropertyNames().forEach(names::add);
        } catch (RuntimeException e) {
            // a source that cannot list its names: nothing to check
        }
        return names;
    }

    private String sourceOf(String property) {
        try {
            var cv = in.config().getConfigValue(property);
            return cv == null ? null : cv.getSourceName();
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** The known provider key nearest to a mistyped one, or null when none is close. */
    static String nearest(String typo) {
        return nearest(typo, PROVIDER_KEYS);
    }

    /** The known key nearest to a mistyped one ({@code _} read as {@code -}), or null when none is close. */
    static String nearest(String typo, List<String> known) {
        String t = typo.toLowerCase(Locale.ROOT).replace('_', '-');
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String k : known) {
            int d = distance(t, k);
            if (d < bestDistance) {
                bestDistance = d;
                best = k;
            }
        }
        return best != null && bestDistance <= Math.max(2, best.length() / 3) ? best : null;
    }

    static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) prev[j] = j;
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] tmp = prev;
            prev = cur;
            cur = tmp;
        }
        return prev[b.length()];
    }

    // ------------------------------------------------------------------ cost

    private CostSettings cost() {
        Boolean enabled = in.bool(in.read(PREFIX + "cost.enabled"));
        Value ledgerValue = in.read(PREFIX + "cost.ledger");
        CostSettings.LedgerKind kind = CostSettings.LedgerKind.MEMORY;
        String target = null;
        if (ledgerValue != null) {
            String t = ledgerValue.text();
            String lower = t.toLowerCase(Locale.ROOT);
            if (lower.equals("memory")) {
                kind = CostSettings.LedgerKind.MEMORY;
            } else if (lower.startsWith("file:")) {
                kind = CostSettings.LedgerKind.FILE;
                target = t.substring("file:".length()).strip();
                if (target.isEmpty()) {
                    in.problems().add(ledgerValue.describe() + " names no file: use file:<path>, e.g."
                            + " file:/var/lib/app/openrouter-ledger.jsonl");
                }
            } else if (lower.equals("jdbc") || lower.startsWith("jdbc:")) {
                kind = CostSettings.LedgerKind.JDBC;
                target = lower.equals("jdbc") ? null : t.substring("jdbc:".length()).strip();
                if (target != null && target.isEmpty()) {
                    target = null;
                }
            } else {
                in.problems().add(ledgerValue.describe() + " is not one of memory, file:<path>, jdbc:<data source"
                        + " JNDI name>");
            }
        }
        Value totalValue = in.read(PREFIX + "cost.budget.total");
        Value perModelValue = in.read(PREFIX + "cost.budget.per-model");
        BigDecimal total = in.usd(totalValue);
        BigDecimal perModel = in.usd(perModelValue);
        String period = in.choice(in.read(PREFIX + "cost.budget.period"), PERIODS);
        BudgetPeriod p = switch (period == null ? "month" : period) {
            case "day" -> BudgetPeriod.DAY;
            case "week" -> BudgetPeriod.WEEK;
            case "none" -> BudgetPeriod.FOREVER;
            default -> BudgetPeriod.MONTH;
        };
        String failure = in.choice(in.read(PREFIX + "cost.budget.on-store-failure"), STORE_FAILURE_POLICIES);
        StoreFailurePolicy onStoreFailure = "admit".equals(failure) ? StoreFailurePolicy.ADMIT
                : StoreFailurePolicy.REFUSE;
        boolean on = !Boolean.FALSE.equals(enabled);
        if (!on && (totalValue != null || perModelValue != null)) {
            in.problems().add(PropertyReader.describe(PREFIX + "cost.budget.*") + " is set but "
                    + PropertyReader.describe(PREFIX + "cost.enabled") + " is false: budgets need cost accounting");
        }
        return new CostSettings(on, kind, target, ledgerValue, total, perModel, p, onStoreFailure);
    }
}
