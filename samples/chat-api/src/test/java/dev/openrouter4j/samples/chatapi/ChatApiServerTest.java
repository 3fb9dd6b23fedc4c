package dev.openrouter4j.samples.chatapi;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The start command's settings and the key scrubbing, without a server. */
class ChatApiServerTest {

    @Test
    void port_defaults_to_8080_and_must_be_a_port_number() {
        assertThat(ChatApiServer.portFrom(null)).isEqualTo(8080);
        assertThat(ChatApiServer.portFrom(" ")).isEqualTo(8080);
        assertThat(ChatApiServer.portFrom("0")).isZero();
        assertThat(ChatApiServer.portFrom(" 9090 ")).isEqualTo(9090);
        assertThatThrownBy(() -> ChatApiServer.portFrom("80a")).hasMessage(
                "PORT must be a number from 0 to 65535, not '80a'");
        assertThatThrownBy(() -> ChatApiServer.portFrom("70000")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void keys_are_masked_whether_configured_or_only_key_shaped() {
        Secrets.remember("my-own-secret-token");

        assertThat(Secrets.scrub("bad key my-own-secret-token here")).isEqualTo("bad key **** here");
        assertThat(Secrets.scrub("Invalid key sk-or-v1-0123456789abcdef.")).isEqualTo("Invalid key sk-or-v1-****.");
        assertThat(Secrets.scrub("an OpenAI key sk-proj0123456789abcdefXYZ")).isEqualTo("an OpenAI key sk-****");
        assertThat(Secrets.scrub(null)).isNull();
    }
}
