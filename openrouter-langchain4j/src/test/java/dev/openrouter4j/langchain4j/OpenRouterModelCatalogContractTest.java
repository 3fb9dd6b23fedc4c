package dev.openrouter4j.langchain4j;

import dev.openrouter4j.langchain4j.internal.http.UserAgent;
import dev.langchain4j.model.ModelProvider;
import dev.langchain4j.model.catalog.AbstractModelCatalogIT;
import dev.langchain4j.model.catalog.ModelCatalog;
import dev.openrouter4j.testkit.FakeOpenRouter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** LangChain4j's own ModelCatalog contract, run against the fake OpenRouter serving the real /models snapshot. */
class OpenRouterModelCatalogContractTest extends AbstractModelCatalogIT {

    static FakeOpenRouter fake;
    static final List<OpenRouterModelCatalog> catalogs = new ArrayList<>();

    @BeforeAll
    static void start() {
        fake = FakeOpenRouter.start();
    }

    @AfterAll
    static void stop() {
        catalogs.forEach(OpenRouterModelCatalog::close);
        fake.close();
    }

    @Override
    protected ModelCatalog createModelCatalog() {
        OpenRouterModelCatalog catalog = OpenRouterModelCatalog.builder().baseUrl(fake.baseUrl()).build();
        catalogs.add(catalog);
        return catalog;
    }

    @Override
    protected ModelProvider expectedProvider() {
        return ModelProvider.OTHER;
    }

    @Test
    void serves_the_real_snapshot_through_http() {
        OpenRouterModelCatalog catalog = (OpenRouterModelCatalog) createModelCatalog();
        assertThat(catalog.models()).hasSize(356);
        assertThat(catalog.find("openai/gpt-5-mini-2025-08-07")).isPresent();
        assertThat(catalog.find("openrouter/auto").orElseThrow().pricing().isDynamic()).isTrue();
        assertThat(catalog.suggest("anthropic/claude-3-opus", 3)).allMatch(id -> id.startsWith("anthropic/"));
        assertThat(fake.requests()).filteredOn(r -> r.path().endsWith("/models")).isNotEmpty()
                .allSatisfy(r -> {
                    assertThat(r.method()).isEqualTo("GET");
                    assertThat(r.header("User-Agent")).isEqualTo(UserAgent.VALUE).startsWith("openrouter4j/0.1");
                    assertThat(r.header("Authorization")).isNull();
                });
    }
}
