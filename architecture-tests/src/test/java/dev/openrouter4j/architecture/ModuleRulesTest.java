package dev.openrouter4j.architecture;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rules between modules, read off the Java sources of the whole repository:
 * <ul>
 *   <li>{@code openrouter-langchain4j} stands alone: its main code uses no cost, CDI or test-kit code;</li>
 *   <li>no other module (cost, CDI, test kit, samples, tests, benchmarks) uses
 *       {@code dev.openrouter4j.langchain4j.internal}: they talk to the models through the public API only;</li>
 *   <li>the library's own messages go through each module's internal {@code Log} (SLF4J when the application has a
 *       provider, the JDK's {@code System.Logger} otherwise), so they reach the log of servers without SLF4J;</li>
 *   <li>test methods have one naming style, a sentence in snake_case.</li>
 * </ul>
 */
class ModuleRulesTest {

    private static final Path REPOSITORY = Path.of(System.getProperty("openrouter4j.repository", "..")).normalize();
    private static final Pattern LANGCHAIN4J_INTERNAL = Pattern.compile("\\bdev\\.openrouter4j\\.langchain4j\\.internal\\b");
    private static final Pattern OTHER_MODULES = Pattern.compile("\\bdev\\.openrouter4j\\.(cost|cdi|testkit)\\b");
    private static final Pattern SLF4J = Pattern.compile("\\borg\\.slf4j\\b");
    private static final List<String> LIBRARY = List.of("openrouter-langchain4j", "openrouter-cost", "openrouter-cdi",
            "openrouter-cache-redis");
    private static final Pattern TEST_METHOD = Pattern.compile(
            "@(?:Test|ParameterizedTest|RepeatedTest)\\b[^;{]*?\\bvoid\\s+(\\w+)\\s*\\(", Pattern.DOTALL);
    private static final Pattern SNAKE_CASE = Pattern.compile("[a-z][a-z0-9]*(_[a-z0-9]+)+");

    @Test
    void the_repository_under_test_is_this_one() {
        assertThat(REPOSITORY.resolve("pom.xml")).exists();
        assertThat(javaFiles()).anyMatch(f -> f.toString().contains("openrouter-langchain4j"))
                .anyMatch(f -> f.toString().contains("openrouter-cost")).hasSizeGreaterThan(100);
    }

    @Test
    void openrouter_langchain4j_uses_no_cost_cdi_or_test_kit_code() {
        List<String> violations = new ArrayList<>();
        for (Path file : javaFiles()) {
            if (module(file).equals("openrouter-langchain4j") && isMain(file)) {
                violations.addAll(matches(file, OTHER_MODULES));
            }
        }
        assertThat(violations).as("openrouter-langchain4j must not depend on the modules built on it").isEmpty();
    }

    @Test
    void no_module_but_openrouter_langchain4j_reaches_into_its_internal_package() {
        List<String> violations = new ArrayList<>();
        for (Path file : javaFiles()) {
            if (!module(file).equals("openrouter-langchain4j")) {
                violations.addAll(matches(file, LANGCHAIN4J_INTERNAL));
            }
        }
        assertThat(violations).as("other modules use openrouter-langchain4j's public API only").isEmpty();
    }

    @Test
    void the_library_logs_through_its_log_class_never_slf4j_directly() {
        List<String> violations = new ArrayList<>();
        for (Path file : javaFiles()) {
            if (LIBRARY.contains(module(file)) && isMain(file) && !file.getFileName().toString().equals("Log.java")) {
                violations.addAll(matches(file, SLF4J));
            }
        }
        assertThat(violations).as("library code logs through its module's internal Log").isEmpty();
    }

    @Test
    void test_methods_are_named_as_snake_case_sentences() {
        List<String> violations = new ArrayList<>();
        for (Path file : javaFiles()) {
            Matcher m = TEST_METHOD.matcher(read(file));
            while (m.find()) {
                if (!SNAKE_CASE.matcher(m.group(1)).matches()) {
                    violations.add(REPOSITORY.relativize(file) + ": " + m.group(1));
                }
            }
        }
        assertThat(violations).as("test methods read as sentences: a_stalled_body_times_out").isEmpty();
    }

    @Test
    void the_rules_catch_what_they_are_meant_to_catch() {
        assertThat(LANGCHAIN4J_INTERNAL.matcher("import dev.openrouter4j.langchain4j.internal.json.Json;").find()).isTrue();
        assertThat(LANGCHAIN4J_INTERNAL.matcher("import dev.openrouter4j.langchain4j.OpenRouterChatModel;").find()).isFalse();
        assertThat(OTHER_MODULES.matcher("dev.openrouter4j.cost.CostLedger ledger;").find()).isTrue();
        assertThat(OTHER_MODULES.matcher("dev.openrouter4j.costly.X").find()).isFalse();
        assertThat(SLF4J.matcher("import org.slf4j.LoggerFactory;").find()).isTrue();
        Matcher m = TEST_METHOD.matcher("@" + "Test\n    void someCamelCase() {}");
        assertThat(m.find()).isTrue();
        assertThat(SNAKE_CASE.matcher(m.group(1)).matches()).isFalse();
        assertThat(SNAKE_CASE.matcher("a_body_that_stalls_fails_within_timeout_plus_2_seconds").matches()).isTrue();
    }

    private static List<String> matches(Path file, Pattern pattern) {
        List<String> out = new ArrayList<>();
        String[] lines = read(file).split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (pattern.matcher(lines[i]).find()) {
                out.add(REPOSITORY.relativize(file) + ":" + (i + 1) + ": " + lines[i].trim());
            }
        }
        return out;
    }

    /** The first path element below the repository: the module (samples/x counts as samples). */
    private static String module(Path file) {
        return REPOSITORY.relativize(file).getName(0).toString();
    }

    private static boolean isMain(Path file) {
        return file.toString().replace('\\', '/').contains("/src/main/");
    }

    private static List<Path> javaFiles() {
        try (Stream<Path> files = Files.walk(REPOSITORY)) {
            return files.filter(p -> p.toString().endsWith(".java"))
                    .filter(p -> !REPOSITORY.relativize(p).toString().replace('\\', '/').matches(
                            "(.*/)?(target|node_modules|\\.git)/.*"))
                    .filter(p -> !module(p).equals("architecture-tests")) // the rules quote what they forbid
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
