package dev.openrouter4j.samples.chatapi;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
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
}
