package dev.openrouter4j.langchain4j;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The build fails if anything shaped like a real OpenRouter key ({@code sk-or-v1-} and 64 hex characters) is in the
 * repository. Tests use obvious fakes ({@code sk-or-v1-test...}), which do not match.
 */
class NoCommittedKeysTest {

    private static final Pattern REAL_KEY = Pattern.compile("sk-or-v1-" + "[0-9a-f]{64}");

    @Test
    void no_file_of_the_repository_holds_a_real_looking_key() throws IOException {
        Path root = repositoryRoot();
        List<String> offenders = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            files.filter(Files::isRegularFile)
                    .filter(p -> !isIgnored(root.relativize(p)))
                    .forEach(p -> {
                        String text = read(p);
                        if (text != null && REAL_KEY.matcher(text).find()) {
                            offenders.add(root.relativize(p).toString());
                        }
                    });
        }
        assertThat(offenders).as("files holding something shaped like a real OpenRouter key").isEmpty();
    }

    @Test
    void the_pattern_catches_a_real_shaped_key_and_spares_the_test_fakes() {
        assertThat(REAL_KEY.matcher("key=sk-or-v1-" + "0123456789abcdef".repeat(4)).find()).isTrue();
        assertThat(REAL_KEY.matcher(StreamingChatModelTest.KEY).find()).isFalse();
    }

    private static Path repositoryRoot() {
        Path dir = Path.of("").toAbsolutePath();
        for (Path p = dir; p != null; p = p.getParent()) {
            if (Files.exists(p.resolve("LICENSE")) && Files.exists(p.resolve("openrouter-langchain4j"))) {
                return p;
            }
        }
        throw new IllegalStateException("repository root not found above " + dir);
    }

    private static boolean isIgnored(Path relative) {
        for (Path part : relative) {
            String s = part.toString();
            if (s.equals("target") || s.equals(".git") || s.equals("node_modules") || s.equals(".idea")) {
                return true;
            }
        }
        return false;
    }

    private static String read(Path p) {
        try {
            if (Files.size(p) > 20 * 1024 * 1024) {
                return null;
            }
            return new String(Files.readAllBytes(p), StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
