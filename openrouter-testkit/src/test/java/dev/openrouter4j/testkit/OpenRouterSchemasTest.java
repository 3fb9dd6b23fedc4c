package dev.openrouter4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class OpenRouterSchemasTest {

    static final String VALID_REQUEST = "{\"model\":\"anthropic/claude-sonnet-4.5\",\"models\":[\"openai/gpt-5-mini\"],"
            + "\"messages\":[{\"role\":\"system\",\"content\":[{\"type\":\"text\",\"text\":\"doc\","
            + "\"cache_control\":{\"type\":\"ephemeral\"}}]},{\"role\":\"user\",\"content\":\"Summarize\"}],"
            + "\"provider\":{\"order\":[\"anthropic\"],\"allow_fallbacks\":true},\"max_tokens\":100,"
            + "\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"f\",\"parameters\":{\"type\":\"object\"}}}],"
            + "\"user\":\"user-42\",\"stream\":true}";

    @Test
    void accepts_a_valid_chat_request() {
        assertThatCode(() -> OpenRouterSchemas.assertValidChatRequest(VALID_REQUEST)).doesNotThrowAnyException();
        assertThat(OpenRouterSchemas.validate("ChatRequest", VALID_REQUEST)).isEmpty();
    }

    @Test
    void rejects_an_invalid_chat_request() {
        String invalid = "{\"model\":\"openai/gpt-4\",\"messages\":5}";
        assertThat(OpenRouterSchemas.validate("ChatRequest", invalid)).isNotEmpty()
                .anyMatch(v -> v.contains("messages"));
        assertThatThrownBy(() -> OpenRouterSchemas.assertValidChatRequest(invalid))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("ChatRequest")
                .hasMessageContaining("messages");
        assertThat(OpenRouterSchemas.validate("ChatRequest", "{\"messages\":[{\"role\":\"wizard\",\"content\":\"x\"}]}"))
                .isNotEmpty();
        assertThat(OpenRouterSchemas.validate("ChatRequest", "{\"messages\":[]}")).isNotEmpty();
    }

    @Test
    void checks_results_and_chunks() {
        assertThatThrownBy(() -> OpenRouterSchemas.assertValidChatResult("{\"id\":\"x\",\"object\":\"chat.completion\"}"))
                .isInstanceOf(AssertionError.class).hasMessageContaining("choices");
        String chunk = "{\"id\":\"gen-1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"m\","
                + "\"choices\":[{\"index\":0,\"delta\":{\"content\":\"hi\"},\"finish_reason\":null}]}";
        assertThatCode(() -> OpenRouterSchemas.assertValidChatStreamChunk(chunk)).doesNotThrowAnyException();
        assertThatThrownBy(() -> OpenRouterSchemas.assertValidChatStreamChunk(chunk.replace("null", "\"done\"")))
                .isInstanceOf(AssertionError.class).hasMessageContaining("finish_reason");
    }

    @Test
    void user_content_arrays_with_media_parts_are_valid_where_the_spec_allows_them() {
        String parts = "[{\"type\":\"text\",\"text\":\"hi\"},{\"type\":\"image_url\",\"image_url\":{\"url\":\"https://x/a.png\"}},"
                + "{\"type\":\"file\",\"file\":{\"file_data\":\"https://x/a.pdf\",\"filename\":\"a.pdf\"}},"
                + "{\"type\":\"input_audio\",\"input_audio\":{\"data\":\"UklGRg==\",\"format\":\"wav\"}},"
                + "{\"type\":\"video_url\",\"video_url\":{\"url\":\"https://x/v.mp4\"}}]";
        assertThat(OpenRouterSchemas.validate("ChatRequest",
                "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":" + parts + "}]}")).isEmpty();
        // system messages take text parts only
        assertThat(OpenRouterSchemas.validate("ChatRequest",
                "{\"model\":\"m\",\"messages\":[{\"role\":\"system\",\"content\":" + parts + "}]}")).isNotEmpty();
        assertThat(OpenRouterSchemas.validate("ChatRequest", "{\"model\":\"m\",\"messages\":[{\"role\":\"user\","
                + "\"content\":[{\"type\":\"input_audio\",\"input_audio\":{\"data\":\"x\"}}]}]}"))
                .as("input_audio needs a format").isNotEmpty();
    }

    @Test
    void not_json_and_unknown_schemas() {
        assertThat(OpenRouterSchemas.validate("ChatResult", "not json")).singleElement().asString()
                .contains("not JSON");
        assertThatThrownBy(() -> OpenRouterSchemas.validate("NoSuchSchema", "{}"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
