package dev.openrouter4j.samples.chatapi;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import com.fasterxml.jackson.databind.JsonNode;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The web page in a real headless browser: Debian's Chromium driven by Selenium through Debian's chromedriver, both
 * given by path so that nothing is downloaded. The server runs exactly as the README's command starts it: offline,
 * against the in-process fake. Fails (never skips) when Chromium is missing: {@code .ci/run} installs it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WebPageBrowserTest {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final String MODEL = "anthropic/claude-3-haiku";
    /** Selenium warns that it has no DevTools bindings for this Chromium; they are not used. */
    private static final java.util.logging.Logger DEVTOOLS_LOG =
            java.util.logging.Logger.getLogger("org.openqa.selenium.devtools");

    private ChatApiServer server;
    private ChromeDriverService service;
    private WebDriver browser;
    private Path profile;

    @BeforeAll
    void start() throws Exception {
        assertThat(CHROMIUM).as("Chromium is needed: apt-get install chromium chromium-driver (.ci/run does)")
                .isExecutable();
        assertThat(CHROMEDRIVER).as("chromedriver is needed: apt-get install chromium-driver (.ci/run does)")
                .isExecutable();
        // tokens 120 ms apart, so the page is seen while the answer is still streaming
        server = ChatApiServer.start(ChatApiServer.Options.defaults().port(0)
                .property("openrouter.model", "openai/gpt-3.5-turbo") // whatever OPENROUTER_MODEL says
                .property("openrouter.cost.budget.total", "5")         // the dashboard shows a budget
                .offlineTokenDelay(Duration.ofMillis(120)));
        assertThat(server.offline()).isTrue();

        DEVTOOLS_LOG.setLevel(java.util.logging.Level.SEVERE);
        System.setProperty(ChromeDriverService.CHROME_DRIVER_EXE_PROPERTY, CHROMEDRIVER.toString());
        service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())   // never Selenium Manager, never a download
                .usingAnyFreePort()
                .build();
        profile = Files.createTempDirectory("chat-api-chromium");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--window-size=1280,900", "--user-data-dir=" + profile);
        browser = new ChromeDriver(service, options);
    }

    @AfterAll
    void stop() throws Exception {
        try {
            if (browser != null) browser.quit();
        } finally {
            if (service != null) service.stop();
            if (server != null) server.close();
            if (profile != null) {
                try (Stream<Path> files = Files.walk(profile)) {
                    files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
                }
            }
        }
    }

    @Test
    @Order(1)
    void pick_a_model_send_a_message_and_see_the_streamed_answer_with_its_tokens_and_cost() throws Exception {
        browser.get(server.uri().toString());
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20), Duration.ofMillis(20));

        // the model list comes from GET /api/v1/llm/models, the default model selected
        wait.until(d -> new Select(d.findElement(By.id("model"))).getOptions().size() > 100);
        assertThat(new Select(browser.findElement(By.id("model"))).getFirstSelectedOption().getAttribute("value"))
                .isEqualTo("openai/gpt-3.5-turbo");

        // narrow it down with ?q= and pick a model
        browser.findElement(By.id("filter")).sendKeys("claude haiku");
        wait.until(d -> {
            List<WebElement> o = new Select(d.findElement(By.id("model"))).getOptions();
            return o.size() < 20 && o.stream().anyMatch(e -> MODEL.equals(e.getAttribute("value")));
        });
        new Select(browser.findElement(By.id("model"))).selectByValue(MODEL);
        assertThat(browser.findElement(By.id("model-info")).getText()).contains("tokens context", "per 1K tokens");

        // send a message
        browser.findElement(By.id("message")).sendKeys("Name three planets");
        browser.findElement(By.id("send")).click();

        // the answer streams in: seen part-way, then complete
        List<String> seen = new ArrayList<>();
        WebElement answer = wait.until(d -> {
            WebElement a = d.findElement(By.cssSelector(".answer"));
            String text = a.findElement(By.className("text")).getText();
            if (!text.isEmpty() && (seen.isEmpty() || !seen.get(seen.size() - 1).equals(text))) seen.add(text);
            return a.getAttribute("data-done") != null ? a : null;
        });
        assertThat(answer.getAttribute("data-done")).isEqualTo("true");
        String text = answer.findElement(By.className("text")).getText();
        assertThat(text).contains(MODEL, "Name three planets");
        assertThat(Integer.parseInt(answer.getAttribute("data-tokens"))).isGreaterThan(2);
        assertThat(seen).as("the texts seen while streaming").hasSizeGreaterThan(1)
                .allSatisfy(partial -> assertThat(text).startsWith(partial));

        // tokens and cost under the answer
        String meta = answer.findElement(By.className("meta")).getText();
        assertThat(meta).matches(MODEL.replace(".", "\\.") + " via Anthropic · \\d+ in / \\d+ out tokens · \\$0\\.\\d+");

        // the running usage
        wait.until(d -> d.findElement(By.id("usage-total")).getText().startsWith("1 call"));
        assertThat(browser.findElement(By.id("usage-total")).getText()).matches("1 call · \\d+ tokens · \\$0\\.\\d+");
        assertThat(browser.findElement(By.id("usage-models")).getText()).contains(MODEL);

        Path shot = Path.of("target", "chat-page.png");
        Files.write(shot, ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
    }

    @Test
    @Order(2)
    void the_dashboard_draws_the_usage_of_the_calls_just_made_as_charts() throws Exception {
        ApiClient api = new ApiClient(server.uri());
        api.post("api/v1/llm/chat", ApiClient.chatBody("openai/gpt-4-turbo", "What does a budget protect?"));
        api.post("api/v1/llm/chat", ApiClient.chatBody("openai/gpt-4-turbo", "And a ledger?"));
        api.stream(ApiClient.chatBody("meta-llama/llama-3-8b-instruct", "Count to five"));
        // a RAG question: the handbook embedded, the question embedded, the passages reranked, the answer written
        assertThat(api.post("api/v1/llm/rag", "{\"question\": \"How long does the battery take to charge?\"}")
                .status()).isEqualTo(200);
        JsonNode usage = api.get("api/v1/llm/usage").json();
        assertThat(usage.path("total").path("calls").asLong()).isEqualTo(8);  // the chat page's call too

        browser.findElement(By.id("dashboard-link")).click();
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20), Duration.ofMillis(50));
        wait.until(d -> script("return window.usage ? window.usage.total.calls : 0").equals(8L));

        // the tiles
        assertThat(browser.findElement(By.id("kpi-calls")).getText()).isEqualTo("8");
        assertThat(browser.findElement(By.id("kpi-errors")).getText()).isEqualTo("0");
        assertThat(browser.findElement(By.id("kpi-spend")).getText()).startsWith("$0.");
        assertThat(browser.findElement(By.id("kpi-budget-sub")).getText()).contains("1 budget");

        // each chart holds the numbers of GET /usage
        List<String> models = new ArrayList<>();
        List<Double> spend = new ArrayList<>();
        List<Long> completed = new ArrayList<>();
        usage.path("models").forEach(m -> {
            models.add(m.path("model").asText());
            spend.add(m.path("cost").asDouble());
            completed.add(m.path("ok").asLong());
        });
        assertThat(models).contains("openai/gpt-4-turbo", "meta-llama/llama-3-8b-instruct", MODEL,
                "openai/text-embedding-3-small", "cohere/rerank-v3.5");
        assertThat(chart("chart-spend-model", "labels")).isEqualTo(models);
        assertThat(chart("chart-spend-model", "datasets[0].data")).isEqualTo(spend);
        assertThat(chart("chart-calls-model", "datasets[0].data")).isEqualTo(completed);
        assertThat(((List<?>) chart("chart-timeline", "datasets[1].data")).stream()
                .mapToLong(n -> ((Number) n).longValue()).sum()).isEqualTo(8);
        // per kind: five chat calls, two embedding calls, one rerank call, with the spend of each
        assertThat(chart("chart-kind", "labels")).isEqualTo(List.of("chat", "embedding", "rerank"));
        assertThat(chart("chart-kind", "datasets[1].data")).isEqualTo(List.of(5L, 2L, 1L));
        List<Double> kindSpend = new ArrayList<>();
        usage.path("kinds").forEach(k -> kindSpend.add(k.path("cost").asDouble()));
        assertThat(chart("chart-kind", "datasets[0].data")).isEqualTo(kindSpend);
        assertThat(chart("chart-budgets", "datasets[1].data")).isEqualTo(List.of(5L));
        assertThat(((Number) ((List<?>) chart("chart-budgets", "datasets[0].data")).get(0)).doubleValue())
                .isEqualTo(usage.path("total").path("cost").asDouble());
        // and the charts were drawn: every canvas has pixels of more than one colour
        for (String id : List.of("chart-timeline", "chart-spend-model", "chart-calls-model", "chart-tokens-model",
                "chart-kind", "chart-provider", "chart-budgets")) {
            assertThat(script("const c = document.getElementById(arguments[0]); const d = c.getContext('2d')"
                    + ".getImageData(0, 0, c.width, c.height).data; const seen = new Set();"
                    + " for (let i = 0; i < d.length; i += 64) seen.add(d[i] + ',' + d[i+1] + ',' + d[i+2] + ',' + d[i+3]);"
                    + " return seen.size;", id)).as("distinct colours drawn on %s", id)
                    .satisfies(n -> assertThat(((Number) n).intValue()).isGreaterThan(2));
        }

        browser.manage().window().setSize(new Dimension(1280, 1800));   // the whole dashboard in one picture
        Path shot = Path.of("target", "dashboard.png");
        Files.write(shot, ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
    }

    private Object script(String js, Object... args) {
        return ((JavascriptExecutor) browser).executeScript(js, args);
    }

    /** A property of a chart on the page, e.g. {@code datasets[0].data}, as the browser returns it. */
    private Object chart(String canvas, String property) {
        return script("return Chart.getChart(arguments[0]).data." + property + ";", canvas);
    }
}
