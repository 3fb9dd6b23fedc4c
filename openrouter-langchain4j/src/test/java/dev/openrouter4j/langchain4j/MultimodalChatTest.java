package dev.openrouter4j.langchain4j;

import dev.openrouter4j.testkit.FakeOpenRouterExtension;
import org.junit.jupiter.api.extension.ExtendWith;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.langchain4j.data.message.AudioContent;
import dev.langchain4j.data.message.Content;
import dev.langchain4j.data.message.ImageContent;
import dev.langchain4j.data.message.PdfFileContent;
import dev.langchain4j.data.message.TextContent;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.data.message.VideoContent;
import dev.langchain4j.exception.UnsupportedFeatureException;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.openrouter4j.testkit.FakeOpenRouter;
import dev.openrouter4j.testkit.OpenRouterSchemas;
import dev.openrouter4j.testkit.RecordedRequest;
import dev.openrouter4j.testkit.Recording;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Images, PDFs, audio and video in user messages reach OpenRouter in the content-part format of its spec, as the
 * recorded real exchanges carry them; parts a model cannot take fail before sending when a catalog says so.
 */
@ExtendWith(FakeOpenRouterExtension.class)
class MultimodalChatTest {

    static final String KEY = StreamingChatModelTest.KEY;
    static final ObjectMapper JSON = new ObjectMapper();
    static FakeOpenRouter fake;

    @BeforeAll
    static void bind(FakeOpenRouter started) {
        fake = started; // one fake for the class, reset before each test by the extension
    }

    static OpenRouterChatModel model(String modelName) {
        return OpenRouterChatModel.builder().apiKey(KEY).baseUrl(fake.baseUrl()).modelName(modelName)
                .maxRetries(0).timeout(Duration.ofSeconds(10)).build();
    }

    /** The parts of the one user message of the request the fake received; the body is a valid ChatRequest. */
    static JsonNode sentParts() throws IOException {
        RecordedRequest r = fake.takeRequest();
        OpenRouterSchemas.assertValidChatRequest(r.body());
        return JSON.readTree(r.body()).path("messages").get(0).path("content");
    }

    static JsonNode send(String modelName, Content... contents) throws IOException {
        try (OpenRouterChatModel m = model(modelName)) {
            m.chat(ChatRequest.builder().messages(UserMessage.from(contents)).build());
        }
        return sentParts();
    }

    @Test
    void images_by_url_and_base64_are_image_url_parts() throws IOException {
        JsonNode parts = send("google/gemini-2.5-flash", TextContent.from("What is this?"),
                ImageContent.from("https://example.com/cat.png", ImageContent.DetailLevel.HIGH),
                ImageContent.from("iVBORw0KGgo=", "image/png"));
        assertThat(parts.get(0).path("text").asText()).isEqualTo("What is this?");
        assertThat(parts.get(1).path("type").asText()).isEqualTo("image_url");
        assertThat(parts.get(1).path("image_url").path("url").asText()).isEqualTo("https://example.com/cat.png");
        assertThat(parts.get(1).path("image_url").path("detail").asText()).isEqualTo("high");
        assertThat(parts.get(2).path("image_url").path("url").asText()).isEqualTo("data:image/png;base64,iVBORw0KGgo=");
    }

    @Test
    void audio_is_an_input_audio_part_with_openrouters_format_name() throws IOException {
        JsonNode parts = send("google/gemini-2.5-flash", TextContent.from("Transcribe"),
                AudioContent.from("SUQzBA==", "audio/mpeg"), AudioContent.from("UklGRg==", "audio/x-wav"));
        assertThat(parts.get(1).toString()).isEqualTo("{\"type\":\"input_audio\",\"input_audio\":"
                + "{\"data\":\"SUQzBA==\",\"format\":\"mp3\"}}");
        assertThat(parts.get(2).path("input_audio").path("format").asText()).isEqualTo("wav");
    }

    @Test
    void audio_given_as_a_url_fails_before_sending() {
        try (OpenRouterChatModel m = model("google/gemini-2.5-flash")) {
            assertThatThrownBy(() -> m.chat(ChatRequest.builder().messages(UserMessage.from(
                    AudioContent.from("https://example.com/a.mp3"))).build()))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("base64");
        }
        assertThat(fake.requests()).isEmpty();
    }

    @Test
    void a_pdf_with_the_file_parser_engine() throws IOException {
        try (OpenRouterChatModel m = OpenRouterChatModel.builder().apiKey(KEY).baseUrl(fake.baseUrl())
                .modelName("openai/gpt-4.1-mini").plugins(List.of(OpenRouterPlugin.fileParser("mistral-ocr")))
                .build()) {
            m.chat(ChatRequest.builder().messages(UserMessage.from(TextContent.from("Summarize"),
                    PdfFileContent.from("JVBERi0xLjQ=", "application/pdf"))).build());
        }
        RecordedRequest r = fake.takeRequest();
        OpenRouterSchemas.assertValidChatRequest(r.body());
        JsonNode body = JSON.readTree(r.body());
        assertThat(body.path("messages").get(0).path("content").get(1).toString()).isEqualTo("{\"type\":\"file\","
                + "\"file\":{\"file_data\":\"data:application/pdf;base64,JVBERi0xLjQ=\",\"filename\":\"document.pdf\"}}");
        assertThat(body.path("plugins").toString())
                .isEqualTo("[{\"id\":\"file-parser\",\"pdf\":{\"engine\":\"mistral-ocr\"}}]");
    }

    /** The recorded request's text part and media part, and the answer's text. */
    record Recorded(String text, JsonNode media, String model, String answer) {
        static Recorded of(String name) {
            Recording.Exchange ex = Recording.load(name).exchanges().get(0);
            JsonNode content = ex.requestBody().path("messages").get(0).path("content");
            try {
                String answer = JSON.readTree(ex.body()).path("choices").get(0).path("message").path("content").asText();
                return new Recorded(content.get(0).path("text").asText(), content.get(1),
                        ex.requestBody().path("model").asText(), answer);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** The LangChain4j content a user would write for a recorded part. */
    static Content contentFor(JsonNode part) {
        String type = part.path("type").asText();
        if (type.equals("video_url")) {
            String url = part.path("video_url").path("url").asText();
            if (url.startsWith("data:")) {
                return VideoContent.from(url.substring(url.indexOf(',') + 1), "video/mp4");
            }
            return VideoContent.from(url);
        }
        String data = part.path("file").path("file_data").asText();
        if (data.startsWith("data:")) {
            return PdfFileContent.from(data.substring(data.indexOf(',') + 1), "application/pdf");
        }
        return PdfFileContent.from(data);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"openrouter_document_url_no_force_download", "openrouter_file_annotation",
            "openrouter_binary_content_video_public_api", "openrouter_video_url_public_api"})
    void sends_documents_files_and_video_as_the_recorded_real_exchanges_did(String name) throws IOException {
        Recorded recorded = Recorded.of(name);
        fake.replay(name);
        ChatResponse response;
        try (OpenRouterChatModel m = model(recorded.model())) {
            response = m.chat(ChatRequest.builder().messages(UserMessage.from(TextContent.from(recorded.text()),
                    contentFor(recorded.media()))).build());
        }
        assertThat(response.aiMessage().text()).isEqualTo(recorded.answer());
        JsonNode sent = sentParts().get(1);
        if (recorded.media().path("type").asText().equals("file")) {
            // same part and data; the file name is the client's choice (pydantic-ai says "filename.pdf")
            assertThat(sent.path("type").asText()).isEqualTo("file");
            assertThat(sent.path("file").path("file_data")).isEqualTo(recorded.media().path("file").path("file_data"));
            assertThat(sent.path("file").path("filename").asText()).endsWith(".pdf");
        } else {
            assertThat(sent).isEqualTo(recorded.media());
        }
    }

    @Test
    void a_modality_the_catalog_does_not_list_fails_before_sending() throws IOException {
        OpenRouterModelCatalog catalog;
        try (InputStream in = getClass().getResourceAsStream("/models-2026-05.json")) {
            catalog = OpenRouterModelCatalog.fromJson(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        try (OpenRouterChatModel textOnly = OpenRouterChatModel.builder().apiKey(KEY).baseUrl(fake.baseUrl())
                .modelName("ibm-granite/granite-4.1-8b").catalog(catalog).build()) {
            assertThatThrownBy(() -> textOnly.chat(ChatRequest.builder().messages(UserMessage.from(
                    TextContent.from("What is this?"), ImageContent.from("https://example.com/cat.png"))).build()))
                    .isInstanceOf(UnsupportedFeatureException.class)
                    .hasMessageContaining("ibm-granite/granite-4.1-8b cannot take image input")
                    .hasMessageContaining("[text]");
            assertThat(fake.requests()).isEmpty();
            textOnly.chat(ChatRequest.builder().messages(UserMessage.from("Just text")).build());
            assertThat(fake.requests()).hasSize(1);
        }
        try (OpenRouterChatModel omni = OpenRouterChatModel.builder().apiKey(KEY).baseUrl(fake.baseUrl())
                .modelName("google/gemini-3.1-flash-lite").catalog(catalog).build()) {
            omni.chat(ChatRequest.builder().messages(UserMessage.from(TextContent.from("All of it"),
                    ImageContent.from("https://example.com/cat.png"), PdfFileContent.from("https://example.com/a.pdf"),
                    AudioContent.from("UklGRg==", "audio/wav"), VideoContent.from("https://example.com/v.mp4")))
                    .build());
        }
        assertThat(fake.requests()).hasSize(2);
    }
}
