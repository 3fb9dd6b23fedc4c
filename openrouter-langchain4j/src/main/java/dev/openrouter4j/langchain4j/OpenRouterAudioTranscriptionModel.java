package dev.openrouter4j.langchain4j;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.langchain4j.data.audio.Audio;
import dev.langchain4j.exception.UnsupportedFeatureException;
import dev.langchain4j.model.audio.AudioTranscriptionModel;
import dev.langchain4j.model.audio.AudioTranscriptionRequest;
import dev.langchain4j.model.audio.AudioTranscriptionResponse;
import dev.openrouter4j.langchain4j.internal.endpoint.Bodies;
import dev.openrouter4j.langchain4j.internal.endpoint.CallListeners;
import dev.openrouter4j.langchain4j.internal.endpoint.EndpointTransport;
import dev.openrouter4j.langchain4j.internal.error.MalformedResponseException;
import dev.openrouter4j.langchain4j.internal.http.Endpoint;
import dev.openrouter4j.langchain4j.internal.json.Json;
import dev.openrouter4j.langchain4j.internal.request.ContentParts;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/**
 * A LangChain4j {@link AudioTranscriptionModel} on OpenRouter's {@code POST /audio/transcriptions} (e.g.
 * {@code openai/whisper-large-v3}), sending the audio as base64 JSON ({@code input_audio}).
 * <pre>{@code
 * try (OpenRouterAudioTranscriptionModel stt = OpenRouterAudioTranscriptionModel.builder()
 *         .apiKey(System.getenv("OPENROUTER_API_KEY")).modelName("openai/whisper-large-v3").language("en").build()) {
 *     String text = stt.transcribeToText(Audio.builder().binaryData(wavBytes).mimeType("audio/wav").build());
 *     OpenRouterTranscription t = stt.transcribeWithUsage(AudioTranscriptionRequest.builder(audio).build());
 * }
 * }</pre>
 * The audio must carry its bytes (binary or base64; a URL is refused, as the endpoint takes no URLs) and a MIME type
 * naming its format ({@code audio/wav}, {@code audio/mpeg}, {@code audio/flac}, ...). A request's language and
 * temperature override the builder's; a prompt is refused, as the endpoint has none.
 * {@link OpenRouterCallListener}s registered with {@link Builder#listeners} see every call with its seconds and cost. Errors are the typed OpenRouter
 * exceptions. Thread-safe; close it to release its threads.
 */
public class OpenRouterAudioTranscriptionModel implements AudioTranscriptionModel, AutoCloseable {

    private static final Endpoint<OpenRouterTranscription> TRANSCRIPTIONS = EndpointTransport.endpoint(
            "audio/transcriptions", "application/json", (contentType, bytes) -> parse(bytes));

    private final EndpointTransport transport;
    private final CallListeners listeners;
    private final String modelName;
    private final String language;
    private final Double temperature;

    protected OpenRouterAudioTranscriptionModel(Builder b) {
        List<String> problems = new ArrayList<>();
        if (b.language != null && b.language.isBlank()) problems.add("language must not be blank");
        this.transport = b.openTransport(problems);
        this.listeners = b.openListeners();
        this.modelName = b.modelName;
        this.language = b.language;
        this.temperature = b.temperature;
    }

    public static Builder builder() {
        return new Builder();
    }

    public String modelName() {
        return modelName;
    }

    @Override
    public AudioTranscriptionResponse transcribe(AudioTranscriptionRequest request) {
        return AudioTranscriptionResponse.from(transcribeWithUsage(request).text());
    }

    /** Like {@link #transcribe} but with the usage, cost and duration OpenRouter reports. */
    public OpenRouterTranscription transcribeWithUsage(AudioTranscriptionRequest request) {
        if (request == null || request.audio() == null) {
            throw new IllegalArgumentException("the request must carry audio");
        }
        if (request.prompt() != null && !request.prompt().isBlank()) {
            throw new UnsupportedFeatureException("OpenRouter's /audio/transcriptions takes no prompt");
        }
        Audio audio = request.audio();
        String format = ContentParts.audioFormat(audio.mimeType());
        if (format == null) {
            throw new IllegalArgumentException("the audio needs a MIME type naming its format (audio/wav, audio/mpeg,"
                    + " audio/flac, audio/mp4, audio/ogg, audio/webm, ...), was " + audio.mimeType());
        }
        String data = audio.base64Data();
        if ((data == null || data.isBlank()) && audio.binaryData() != null) {
            data = Base64.getEncoder().encodeToString(audio.binaryData());
        }
        if (data == null || data.isBlank()) {
            throw new IllegalArgumentException("the audio must carry its bytes (binaryData or base64Data):"
                    + " /audio/transcriptions takes no URL (" + audio.url() + ")");
        }
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.put("model", modelName);
        body.putObject("input_audio").put("data", data).put("format", format);
        String lang = request.language() != null && !request.language().isBlank() ? request.language() : language;
        if (lang != null) body.put("language", lang);
        Double temp = request.temperature() != null ? request.temperature() : temperature;
        if (temp != null) body.put("temperature", temp);
        OpenRouterCallRequest call = new OpenRouterCallRequest(OpenRouterCallKind.TRANSCRIPTION, modelName, 1,
                OpenRouterCallUsage.none());
        return listeners.around(call, () -> transport.post(TRANSCRIPTIONS, body, modelName), this::describe);
    }

    private OpenRouterCallResponse describe(OpenRouterTranscription t) {
        OpenRouterTokenUsage u = t.usage();
        OpenRouterCallUsage usage = (u == null ? OpenRouterCallUsage.none()
                : OpenRouterCallUsage.tokens(u.inputTokenCount(), u.outputTokenCount(), u.totalTokenCount()))
                .withSeconds(t.seconds() == null ? null : BigDecimal.valueOf(t.seconds()));
        return new OpenRouterCallResponse(modelName, null, null, usage, t.cost());
    }

    private static OpenRouterTranscription parse(byte[] bytes) throws MalformedResponseException {
        JsonNode root = Bodies.object(bytes, "the transcription response");
        String text = Json.text(root, "text");
        if (text == null) {
            throw new MalformedResponseException("the transcription response has no \"text\"");
        }
        JsonNode u = root.get("usage");
        OpenRouterTokenUsage usage = u == null || !u.isObject() ? null : new OpenRouterTokenUsage(
                Json.integer(u, "input_tokens"), Json.integer(u, "output_tokens"), Json.integer(u, "total_tokens"),
                null, null, null, Json.decimal(u, "cost"), null);
        JsonNode seconds = u == null ? null : u.get("seconds");
        if (seconds == null || !seconds.isNumber()) seconds = root.get("duration");
        return new OpenRouterTranscription(text, Json.text(root, "language"),
                seconds != null && seconds.isNumber() ? seconds.asDouble() : null, usage);
    }

    /** Releases the model's threads and connections. */
    @Override
    public void close() {
        transport.close();
    }

    /** Describes the model; never shows the key. */
    @Override
    public String toString() {
        return "OpenRouterAudioTranscriptionModel{modelName=" + modelName + ", language=" + language + ", "
                + transport.describe() + '}';
    }

    /**
     * Builds {@link OpenRouterAudioTranscriptionModel}; the connection options are those of
     * {@link OpenRouterClientBuilder}.
     */
    public static class Builder extends OpenRouterClientBuilder<Builder> {

        private String language;
        private Double temperature;

        public Builder() {
        }

        /** Observers of every call (see {@link OpenRouterCallListener}), e.g. a cost ledger's. */
        public Builder listeners(List<OpenRouterCallListener> listeners) { return callListeners(listeners); }

        /** Observers of every call (see {@link OpenRouterCallListener}), e.g. a cost ledger's. */
        public Builder listeners(OpenRouterCallListener... listeners) { return callListeners(Arrays.asList(listeners)); }

        /** ISO-639-1 language of the audio (e.g. {@code en}); detected when unset. */
        public Builder language(String language) { this.language = language; return this; }

        /** Sampling temperature of the transcription. */
        public Builder temperature(Double temperature) { this.temperature = temperature; return this; }

        @Override
        String exampleModel() {
            return "openai/whisper-large-v3";
        }

        public OpenRouterAudioTranscriptionModel build() {
            return new OpenRouterAudioTranscriptionModel(this);
        }
    }
}
