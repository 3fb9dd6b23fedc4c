package dev.openrouter4j.cdi.internal;

import dev.openrouter4j.langchain4j.logging.Log;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.listener.ChatModelListener;
import dev.openrouter4j.cdi.CostRecorded;
import dev.openrouter4j.cdi.OpenRouterConfigException;
import dev.openrouter4j.cdi.OpenRouterModel;
import dev.openrouter4j.cost.CostLedger;
import dev.openrouter4j.cost.PriceTable;
import dev.openrouter4j.cost.budget.Budget;
import dev.openrouter4j.cost.budget.BudgetGuard;
import dev.openrouter4j.cost.budget.JdbcBudgetStore;
import dev.openrouter4j.cost.store.JdbcLedgerStore;
import dev.openrouter4j.langchain4j.OpenRouterChatModel;
import dev.openrouter4j.langchain4j.ResponseCache;
import dev.openrouter4j.langchain4j.OpenRouterModelBuilder;
import dev.openrouter4j.langchain4j.OpenRouterModelCatalog;
import dev.openrouter4j.langchain4j.OpenRouterStreamingChatModel;
import dev.openrouter4j.langchain4j.OpenRouterTransport;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Default;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.spi.AfterBeanDiscovery;
import jakarta.enterprise.inject.spi.AfterDeploymentValidation;
import jakarta.enterprise.inject.spi.AnnotatedParameter;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.enterprise.inject.spi.InjectionPoint;
import jakarta.enterprise.inject.literal.NamedLiteral;
import jakarta.inject.Named;
import jakarta.inject.Singleton;

import java.lang.annotation.Annotation;
import java.lang.reflect.Constructor;
import java.lang.reflect.Member;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * One deployment's state, driven by the extension's observers: the configuration read at
 * {@code BeforeBeanDiscovery}, what the application's beans and injection points need, the definition error (every
 * problem together) or the synthetic beans at {@code AfterBeanDiscovery}, and the eager ledger check at
 * {@code AfterDeploymentValidation}.
 */
public final class Deployment {

    private static final Log LOG = Log.of(Deployment.class);
    private static final Set<Class<? extends Annotation>> LISTENER_SCOPES =
            Set.of(ApplicationScoped.class, Singleton.class, Dependent.class);
    private static final List<Class<?>> REPLACEABLE =
            List.of(CostLedger.class, PriceTable.class, OpenRouterModelCatalog.class, BudgetGuard.class,
                    OpenRouterTransport.class, ResponseCache.class);

    /**
     * Without MicroProfile Config no property can be read, {@code openrouter.enabled} included: the message names
     * only what works, making MicroProfile Config available or leaving this jar out.
     */
    static final String NO_CONFIG = "openrouter-cdi reads its settings through MicroProfile Config, which is not"
            + " available: on Open Liberty enable the mpConfig-3.1 feature (or microProfile-6.1 or later); in Weld SE,"
            + " or a runtime without MicroProfile Config, add an implementation such as"
            + " io.smallrye.config:smallrye-config to the application. To use OpenRouter without MicroProfile Config,"
            + " remove openrouter-cdi from the application and build the models with OpenRouterChatModel.builder()"
            + " (openrouter.enabled=false cannot be read without MicroProfile Config either)";

    /** The bean types of the models this extension produces. */
    private static final List<Class<?>> MODEL_TYPES = java.util.stream.Stream.of(
            java.util.stream.Stream.of(ChatModel.class, StreamingChatModel.class),
            ModelKind.OTHERS.stream().map(ModelKind::type),
            ModelKind.OTHERS.stream().map(ModelKind::openRouterClass)).flatMap(x -> x).toList();

    private final Class<?> beanClass;
    private final ParsedConfig config;
    private final Problems beanProblems = new Problems();
    private final List<Request> requests = new ArrayList<>();
    private final Set<Class<?>> applicationProvides = new HashSet<>();
    private final Set<String> applicationModels = new HashSet<>();
    private final Set<String> applicationNamed = new HashSet<>();
    private boolean asyncCostObservers;
    private boolean discoveryDone;

    /** An injection point that asks for an OpenRouter model: its type, and its name or null for {@code @Default}. */
    private record Request(String where, Class<?> type, String name) {
    }

    private Deployment(Class<?> beanClass, ParsedConfig config) {
        this.beanClass = beanClass;
        this.config = config;
    }

    /**
     * Reads the configuration through MicroProfile Config. When MicroProfile Config is missing (Open Liberty without
     * the mpConfig feature, Weld SE without an implementation) the deployment fails with a message that says so.
     *
     * @param beanClass the class synthetic beans are declared by (the extension)
     */
    public static Deployment start(Class<?> beanClass) {
        ParsedConfig parsed;
        try {
            parsed = ConfigAccess.parse();
        } catch (LinkageError | IllegalStateException e) {
            Problems p = new Problems();
            p.add(NO_CONFIG + " (" + e.getClass().getSimpleName() + ")");
            parsed = new ParsedConfig(true, null, Map.of(), Set.of(), null, p);
        }
        return new Deployment(beanClass, parsed);
    }

    /** False when {@code openrouter.enabled=false}: no checks, no beans. */
    public boolean enabled() {
        return config.enabled();
    }

    // ------------------------------------------------------------------ discovery

    /** Records an injection point that asks for an OpenRouter model type. */
    public void injectionPoint(InjectionPoint ip) {
        if (discoveryDone || ip.isDelegate()) return;
        Type t = ip.getType();
        if (t == OpenRouterChatModel.class || t == OpenRouterStreamingChatModel.class || kindOfClass(t) != null) {
            requests.add(new Request(where(ip), (Class<?>) t, null));
            return;
        }
        if (t != ChatModel.class && t != StreamingChatModel.class && ModelKind.ofType((Class<?>) asClass(t)) == null) {
            return;
        }
        String name = null;
        boolean isDefault = false;
        for (Annotation q : ip.getQualifiers()) {
            if (q instanceof OpenRouterModel m) {
                name = m.value();
            } else if (q.annotationType() == Default.class) {
                isDefault = true;
            } else if (q.annotationType() != Any.class) {
                return; // another qualifier: not ours to judge
            }
        }
        if (name != null) {
            requests.add(new Request(where(ip), (Class<?>) t, name));
        } else if (isDefault) {
            requests.add(new Request(where(ip), (Class<?>) t, null));
        }
    }

    /** Notes what the application's beans provide, and rejects listener beans in thread-bound scopes. */
    public void bean(Bean<?> bean, String kind) {
        if (discoveryDone) return;
        Set<Type> types = bean.getTypes();
        Set<Annotation> qualifiers = bean.getQualifiers();
        boolean isDefault = qualifiers.stream().anyMatch(q -> q.annotationType() == Default.class);
        if (types.contains(ChatModelListener.class) && !LISTENER_SCOPES.contains(bean.getScope())) {
            beanProblems.add("ChatModelListener bean " + bean.getBeanClass().getName() + (kind == null ? "" : " (" + kind
                    + ")") + " is @" + bean.getScope().getSimpleName() + ", a scope that is not active on the"
                    + " HTTP-client and callback threads where OpenRouter models notify their listeners: make it"
                    + " @ApplicationScoped or @Dependent");
        }
        for (Class<?> c : REPLACEABLE) {
            if (isDefault && types.contains(c)) {
                applicationProvides.add(c);
            }
        }
        for (Class<?> c : MODEL_TYPES) {
            if (!types.contains(c)) continue;
            if (isDefault) {
                applicationModels.add(c.getName());
            }
            for (Annotation q : qualifiers) {
                if (q instanceof OpenRouterModel m) {
                    applicationModels.add(c.getName() + "#" + m.value());
                } else if (q instanceof Named n) {
                    applicationNamed.add(c.getName() + "#" + n.value());
                }
            }
        }
    }

    /** Notes an observer of {@link CostRecorded}; asynchronous events are fired only when there is one. */
    public void costObserver(boolean async) {
        asyncCostObservers |= async;
    }

    // ------------------------------------------------------------------ after discovery

    /** Reports every problem as one definition error, or registers the beans. */
    public void afterBeanDiscovery(AfterBeanDiscovery abd) {
        discoveryDone = true;
        Problems all = new Problems();
        config.problems().list().forEach(all::add);
        if (config.defaults() != null) {
            checkModels(all);
        }
        beanProblems.list().forEach(all::add);
        if (!all.isEmpty()) {
            abd.addDefinitionError(new OpenRouterConfigException(all.list()));
            return;
        }
        for (String n : config.unlistedNames()) {
            LOG.warn("openrouter.models.{}.* is set, but '{}' is not listed in {}: no model is made for it", n, n,
                    PropertyReader.describe(SettingsParser.MODEL_NAMES));
        }
        register(abd);
    }

    private void checkModels(Problems all) {
        boolean defaultKeyReported = checkKeys(all);
        for (Request r : requests) {
            String type = r.type().getSimpleName();
            ModelKind kind = kindOfClass(r.type());
            if (kind != null) {
                if (applicationModels.contains(r.type().getName())) continue;
                all.add(r.where() + " injects " + type + ", but the OpenRouter beans' types are the interfaces"
                        + " only (concrete classes cannot be proxied on every server): inject "
                        + kind.type().getSimpleName());
                continue;
            }
            kind = r.type() == ChatModel.class || r.type() == StreamingChatModel.class ? ModelKind.CHAT
                    : ModelKind.ofType(r.type());
            if (kind != null && kind != ModelKind.CHAT) {
                defaultKeyReported |= checkKindRequest(r, kind, all, defaultKeyReported);
                continue;
            }
            Set<String> configured = config.named().keySet();
            if (r.type() == OpenRouterChatModel.class || r.type() == OpenRouterStreamingChatModel.class) {
                if (!applicationModels.contains(r.type().getName())) {
                    all.add(r.where() + " injects " + type + ", but the OpenRouter beans' types are the interfaces"
                            + " only (concrete classes cannot be proxied on every server): inject "
                            + (r.type() == OpenRouterChatModel.class ? "ChatModel" : "StreamingChatModel"));
                }
            } else if (r.name() == null) {
                if (!config.hasDefaultModel() && !applicationModels.contains(r.type().getName())) {
                    all.add(r.where() + " injects " + type + " without a qualifier, but "
                            + PropertyReader.describe(SettingsParser.PREFIX + "model") + " is not set: set it to the"
                            + " default model's id (e.g. openai/gpt-4o-mini)"
                            + (configured.isEmpty() ? "" : ", or inject a named model with @OpenRouterModel(\"...\")"
                            + " (configured: " + String.join(", ", configured) + ")"));
                    if (config.defaults().apiKeyProperty() == null && !defaultKeyReported) {
                        all.add(keyRequired());
                        defaultKeyReported = true;
                    }
                }
            } else if (!configured.contains(r.name())
                    && !applicationModels.contains(r.type().getName() + "#" + r.name())) {
                String n = r.name();
                boolean validName = n.matches("[A-Za-z0-9][A-Za-z0-9_-]*");
                all.add(r.where() + " injects @OpenRouterModel(\"" + n + "\") " + type + ", but no model named '" + n
                        + "' is configured: " + (validName ? "list it in " + PropertyReader.describe(
                        SettingsParser.MODEL_NAMES) + " and set " + PropertyReader.describe(SettingsParser.MODELS + n
                        + ".model") : "a model name is made of letters, digits, '-' and '_'")
                        + (config.unlistedNames().contains(n) ? " (it has openrouter.models." + n + ".* settings but"
                        + " is not listed)" : "")
                        + (configured.isEmpty() ? "" : "; configured: " + String.join(", ", configured))
                        + otherKindHint(n, ModelKind.CHAT));
            }
        }
    }

    /** Reports every model without a key (of every kind); returns whether the default key was reported missing. */
    private boolean checkKeys(Problems all) {
        boolean defaultKeyReported = false;
        List<ModelSettings> connections = new ArrayList<>(models());
        config.kindModels().forEach(m -> connections.add(m.connection()));
        for (ModelSettings m : connections) {
            if (m.apiKeyProperty() != null) continue; // set (a malformed key is reported by the parser)
            if (m.isDefault()) {
                all.add(keyRequired()); // once: Problems keeps each line once
                defaultKeyReported = true;
            } else {
                all.add(m.label() + " needs an API key: set " + PropertyReader.describe(SettingsParser.MODELS
                        + m.name() + ".api-key") + " or " + PropertyReader.describe(SettingsParser.PREFIX + "api-key")
                        + "; neither is set in any config source");
            }
        }
        return defaultKeyReported;
    }

    /**
     * Checks an injection point of an embedding, rerank, image, speech or transcription model; returns whether it
     * reported the missing default key.
     */
    private boolean checkKindRequest(Request r, ModelKind kind, Problems all, boolean defaultKeyReported) {
        String type = r.type().getSimpleName();
        List<String> configured = config.kindModels().stream().filter(m -> m.kind() == kind && !m.isDefault())
                .map(KindModelSettings::name).toList();
        String key = r.type().getName() + (r.name() == null ? "" : "#" + r.name());
        if (config.kindModel(kind, r.name()) != null || applicationModels.contains(key)) {
            return false;
        }
        if (r.name() == null) {
            all.add(r.where() + " injects " + type + " without a qualifier, but "
                    + PropertyReader.describe(kind.defaultPrefix() + "model") + " is not set: set it to the id of "
                    + kind.label() + " (e.g. " + exampleModel(kind) + ")"
                    + (configured.isEmpty() ? "" : ", or inject a named one with @OpenRouterModel(\"...\")"
                    + " (configured: " + String.join(", ", configured) + ")"));
            if (config.defaults().apiKeyProperty() == null && !defaultKeyReported) {
                all.add(keyRequired());
                return true;
            }
            return false;
        }
        String n = r.name();
        all.add(r.where() + " injects @OpenRouterModel(\"" + n + "\") " + type + ", but no " + kind.word()
                + " model named '" + n + "' is configured: list it in " + PropertyReader.describe(
                SettingsParser.MODEL_NAMES) + ", set " + PropertyReader.describe(SettingsParser.MODELS + n + ".kind")
                + " to " + kind.word() + " and " + PropertyReader.describe(SettingsParser.MODELS + n + ".model")
                + (configured.isEmpty() ? "" : "; configured: " + String.join(", ", configured))
                + otherKindHint(n, kind));
        return false;
    }

    /** {@code ; 'x' is an embedding model: inject EmbeddingModel} when the name is configured as another kind. */
    private String otherKindHint(String name, ModelKind asked) {
        ModelKind actual = config.kindOf(name);
        if (actual == null || actual == asked) return "";
        return "; '" + name + "' is " + actual.label() + " (" + PropertyReader.describe(SettingsParser.MODELS + name
                + ".kind") + "): inject " + actual.type().getSimpleName();
    }

    private static String exampleModel(ModelKind kind) {
        return switch (kind) {
            case EMBEDDING -> "openai/text-embedding-3-small";
            case RERANK -> "cohere/rerank-v3.5";
            case IMAGE -> "openai/gpt-image-1";
            case SPEECH -> "openai/gpt-4o-mini-tts";
            case TRANSCRIPTION -> "openai/whisper-1";
            default -> "openai/gpt-4o-mini";
        };
    }

    /** The kind whose OpenRouter class this is (an injection point must ask for the interface), or null. */
    private static ModelKind kindOfClass(Type t) {
        for (ModelKind k : ModelKind.OTHERS) {
            if (k.openRouterClass() == t) return k;
        }
        return null;
    }

    private static Class<?> asClass(Type t) {
        return t instanceof Class<?> c ? c : Void.class;
    }

    private static String keyRequired() {
        return PropertyReader.describe(SettingsParser.PREFIX + "api-key") + " is required but is not set in any"
                + " config source: create a key at https://openrouter.ai/keys";
    }

    private List<ModelSettings> models() {
        List<ModelSettings> out = new ArrayList<>();
        if (config.hasDefaultModel()) {
            out.add(config.defaults());
        }
        out.addAll(config.named().values());
        return out;
    }

    private void register(AfterBeanDiscovery abd) {
        CostSettings cost = config.cost();
        ModelFactory factory = new ModelFactory(cost.enabled());
        ModelSettings top = config.defaults();

        if (!applicationProvides.contains(OpenRouterTransport.class)) {
            // one HTTP client and one set of library threads for every model and the catalog of the deployment;
            // built on first use, so its threads run callbacks under the application's context class loader
            add(abd, OpenRouterTransport.class, null, in -> OpenRouterTransport.builder().build(),
                    OpenRouterTransport::close);
        }
        if (!applicationProvides.contains(OpenRouterModelCatalog.class)) {
            add(abd, OpenRouterModelCatalog.class, null, in -> {
                OpenRouterModelCatalog.Builder b = OpenRouterModelCatalog.builder().apiKey(top.apiKey())
                        .transport(in.select(OpenRouterTransport.class).get());
                if (top.baseUrl() != null) b.baseUrl(top.baseUrl());
                if (top.timeout() != null) b.timeout(top.timeout());
                return b.build();
            }, OpenRouterModelCatalog::close);
        }
        if (!applicationProvides.contains(PriceTable.class)) {
            add(abd, PriceTable.class, null, in -> PriceTable.defaults(), p -> { });
        }
        if (cost.enabled()) {
            if (!applicationProvides.contains(CostLedger.class)) {
                add(abd, CostLedger.class, null, in -> LedgerFactory.create(cost, in), CostLedger::close);
            }
            boolean async = asyncCostObservers;
            add(abd, CostWiring.class, null, in -> new CostWiring(in.select(CostLedger.class).get(),
                    in.select(PriceTable.class).get(), in.select(BeanManager.class).get().getEvent()
                    .select(CostRecorded.class), async), CostWiring::close);
            if (cost.hasBudgets()) {
                if (applicationProvides.contains(BudgetGuard.class)) {
                    LOG.warn("The application has a BudgetGuard bean: it guards the OpenRouter models, and"
                            + " openrouter.cost.budget.* are ignored");
                } else {
                    add(abd, BudgetGuard.class, null, in -> budgetGuard(cost, in), BudgetGuard::close);
                }
            }
        }
        CacheSettings cache = config.cache();
        if (cache.enabled() && !applicationProvides.contains(ResponseCache.class)) {
            add(abd, ResponseCache.class, null, in -> CacheFactory.create(cache), ResponseCache::close);
        }
        factory.openRouterCache(cache.openRouter());
        for (ModelSettings m : models()) {
            addQualified(abd, ChatModel.class, qualifiers(m.isDefault(), m.name(), ChatModel.class),
                    in -> factory.chatModel(m, in), factory::dispose);
            addQualified(abd, StreamingChatModel.class, qualifiers(m.isDefault(), m.name(), StreamingChatModel.class),
                    in -> factory.streamingChatModel(m, in), factory::dispose);
        }
        for (KindModelSettings m : config.kindModels()) {
            addKindModel(abd, m, factory);
        }
    }

    /**
     * The bean of an embedding, rerank, image, speech or transcription model: {@code @Default} for the default one of
     * its kind; {@code @OpenRouterModel(name)} and {@code @Named(name)} for a named one (as named chat models), unless
     * the application has its own {@code @Named(name)} bean of that type, which must stay unambiguous.
     */
    @SuppressWarnings("unchecked")
    private <T> void addKindModel(AfterBeanDiscovery abd, KindModelSettings m, ModelFactory factory) {
        Class<T> type = (Class<T>) m.kind().type();
        addQualified(abd, type, qualifiers(m.isDefault(), m.name(), type), in -> type.cast(factory.kindModel(m, in)),
                factory::dispose);
    }

    /**
     * {@code @Default} for the default model; {@code @OpenRouterModel(name)} and {@code @Named(name)} for a named
     * one, so {@code @Named} lookups (langchain4j-cdi's {@code @RegisterAIService(chatModelName = ...)}) find it too,
     * unless the application has its own {@code @Named(name)} bean of that type, which must stay unambiguous.
     */
    private Annotation[] qualifiers(boolean isDefault, String name, Class<?> type) {
        if (isDefault) {
            return new Annotation[] {Default.Literal.INSTANCE};
        }
        if (applicationNamed.contains(type.getName() + "#" + name)) {
            LOG.warn("The application has a @Named(\"{}\") {} bean: the OpenRouter model '{}' is not @Named too;"
                    + " inject it with @OpenRouterModel(\"{}\")", name, type.getSimpleName(), name, name);
            return new Annotation[] {OpenRouterModel.Literal.of(name)};
        }
        return new Annotation[] {OpenRouterModel.Literal.of(name), NamedLiteral.of(name)};
    }

    private static BudgetGuard budgetGuard(CostSettings cost, Instance<Object> in) {
        CostLedger ledger = in.select(CostLedger.class).get();
        BudgetGuard.Builder b = BudgetGuard.builder().ledger(ledger).priceTable(in.select(PriceTable.class).get())
                .onStoreFailure(cost.onStoreFailure());
        if (ledger.store() instanceof JdbcLedgerStore jdbc) {
            // every instance on the ledger's database enforces one budget
            b.store(JdbcBudgetStore.on(jdbc));
        }
        if (cost.budgetTotal() != null) {
            b.budget(Budget.total("openrouter.cost.budget.total", cost.budgetTotal(), cost.period()));
        }
        if (cost.budgetPerModel() != null) {
            b.budget(Budget.perModel("openrouter.cost.budget.per-model", cost.budgetPerModel(), cost.period()));
        }
        return b.build();
    }

    /**
     * Adds a synthetic bean whose types are exactly {@code type} and {@code Object}: a model interface
     * ({@code @ApplicationScoped}, a client proxy) or a support class ({@code @Singleton}: they are final, so not
     * proxyable).
     */
    private <T> void add(AfterBeanDiscovery abd, Class<T> type, Annotation qualifier,
                            Function<Instance<Object>, T> create, Consumer<T> destroy) {
        addQualified(abd, type, new Annotation[] {qualifier == null ? Default.Literal.INSTANCE : qualifier}, create,
                destroy);
    }

    private <T> void addQualified(AfterBeanDiscovery abd, Class<T> type, Annotation[] qualifiers,
                            Function<Instance<Object>, T> create, Consumer<T> destroy) {
        boolean model = type.isInterface();
        Annotation[] all = java.util.Arrays.copyOf(qualifiers, qualifiers.length + 1);
        all[qualifiers.length] = Any.Literal.INSTANCE;
        abd.<T>addBean()
                .beanClass(beanClass)
                .types(type, Object.class)
                .qualifiers(all)
                .scope(model ? ApplicationScoped.class : Singleton.class)
                .produceWith(create::apply)
                .disposeWith((t, in) -> destroy.accept(t));
    }

    // ------------------------------------------------------------------ after validation

    /**
     * Opens the ledger and attaches the event bridge now: a bad file or data source stops the deployment instead of a
     * first call, and entries recorded before any model is used are fired as events too.
     */
    public void afterDeploymentValidation(AfterDeploymentValidation adv, BeanManager bm) {
        if (!config.enabled() || !config.problems().isEmpty() || !beanProblems.isEmpty()) return;
        CostSettings cost = config.cost();
        if (cost.enabled()) {
            if (!applicationProvides.contains(CostLedger.class)) {
                try {
                    instantiate(bm, CostLedger.class);
                } catch (RuntimeException e) {
                    Value v = cost.ledgerValue();
                    adv.addDeploymentProblem(problem((v == null ? PropertyReader.describe(SettingsParser.PREFIX
                            + "cost.ledger") : v.describe()) + " chose a ledger that could not be opened ("
                            + e.getClass().getSimpleName() + "; see the cause)", e));
                    return;
                }
            }
            try {
                instantiate(bm, CostWiring.class);
            } catch (RuntimeException e) {
                adv.addDeploymentProblem(problem("the cost accounting could not be set up: the CostLedger or"
                        + " PriceTable bean failed (" + e.getClass().getSimpleName() + "; see the cause)", e));
                return;
            }
        }
        LOG.info("OpenRouter: {}", summary());
    }

    private static void instantiate(BeanManager bm, Class<?> type) {
        Bean<?> bean = bm.resolve(bm.getBeans(type));
        bm.getReference(bean, type, bm.createCreationalContext(bean)).hashCode();
    }

    private static OpenRouterConfigException problem(String line, Throwable cause) {
        OpenRouterConfigException e = new OpenRouterConfigException(List.of(line));
        e.initCause(cause);
        return e;
    }

    private String summary() {
        Map<String, String> models = new LinkedHashMap<>();
        for (ModelSettings m : models()) {
            models.put(m.isDefault() ? "@Default" : "@OpenRouterModel(\"" + m.name() + "\")", m.model());
        }
        for (KindModelSettings m : config.kindModels()) {
            models.put((m.isDefault() ? "@Default" : "@OpenRouterModel(\"" + m.name() + "\")") + " "
                    + m.kind().type().getSimpleName(), m.model());
        }
        CostSettings cost = config.cost();
        return "models " + (models.isEmpty() ? "none" : models) + "; cost "
                + (!cost.enabled() ? "off" : "ledger " + cost.ledger().name().toLowerCase(java.util.Locale.ROOT)
                + (applicationProvides.contains(CostLedger.class) ? " (application's bean)" : "")
                + (cost.hasBudgets() ? ", budgets " + cost.period().name().toLowerCase(java.util.Locale.ROOT) : ""))
                + "; base URL " + (config.defaults().baseUrl() == null ? OpenRouterModelBuilder.DEFAULT_BASE_URL
                : config.defaults().baseUrl());
    }

    private static String where(InjectionPoint ip) {
        Member m = ip.getMember();
        if (m == null) {
            return "injection point " + ip;
        }
        String owner = m.getDeclaringClass().getName();
        if (ip.getAnnotated() instanceof AnnotatedParameter<?> p) {
            return "parameter " + p.getPosition() + " of " + owner + (m instanceof Constructor<?> ? " (constructor)"
                    : "." + m.getName() + "()");
        }
        return "field " + owner + "." + m.getName();
    }
}
