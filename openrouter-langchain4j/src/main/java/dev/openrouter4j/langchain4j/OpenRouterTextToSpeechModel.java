package dev.openrouter4j.langchain4j;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.langchain4j.data.audio.Audio;
import dev.langchain4j.model.audio.TextToSpeechModel;
import dev.langchain4j.model.audio.TextToSpeechRequest;
import dev.langchain4j.model.audio.TextToSpeechResponse;
import dev.openrouter4j.langchain4j.internal.endpoint.CallListeners;
import dev.openrouter4j.langchain4j.internal.endpoint.EndpointTransport;
import dev.openrouter4j.langchain4j.internal.error.MalformedResponseException;
import dev.openrouter4j.langchain4j.internal.json.Json;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * A LangChain4j {@link TextToSpeechModel} on OpenRouter's {@code POST /audio/speech} (e.g.
 * {@code openai/gpt-4o-mini-tts}, {@code mistralai/voxtral-mini-tts-2603}).
 * <pre>{@code
 * try (OpenRouterTextToSpeechModel tts = OpenRouterTextToSpeechModel.builder()
 *         .apiKey(System.getenv("OPENROUTER_API_KEY")).modelName("openai/gpt-4o-mini-tts")
 *         .voice("alloy").format(OpenRouterTextToSpeechModel.Format.MP3).build()) {
 *     Audio audio = tts.synthesize("Hello!").audio();   // binaryData(), mimeType() audio/mpeg
 * }
 * }</pre>
 * The answer is the raw audio in the requested format: {@link Format#PCM} (OpenRouter's default; 16-bit little-endian
 * samples, {@code audio/pcm}) or {@link Format#MP3} ({@code audio/mpeg}), the two the spec allows. A request's voice
 * overrides the builder's. OpenRouter reports no usage or cost in this raw answer: its
 * {@link OpenRouterCallListener}s (see {@link Builder#listeners}) get the characters sent (what speech is priced by)
 * and a null cost. Errors are the typed OpenRouter
 * exceptions. Thread-safe; close it to release its threads.
 */
public class OpenRouterTextToSpeechModel implements TextToSpeechModel, AutoCloseable {

    /** The audio formats {@code /audio/speech} can return. */
    public enum Format {
        /** Raw 16-bit little-endian PCM ({@code audio/pcm}); OpenRouter's default. */
        PCM("pcm", "audio/pcm"),
        /** MP3 ({@code audio/mpeg}). */
        MP3("mp3", "audio/mpeg");

        private final String wire;
        private final String mimeType;

        Format(String wire, String mimeType) {
            this.wire = wire;
            this.mimeType = mimeType;
        }

        /** The MIME type of this format. */
        public String mimeType() {
            return mimeType;
        }
    }

    private final EndpointTransport transport;
    private final CallListeners listeners;
    private final String modelName;
    private final String voice;
    private final Format format;
    private final Double speed;

    protected OpenRouterTextToSpeechModel(Builder b) {
        List<String> problems = new ArrayList<>();
        if (b.speed != null && !(b.speed > 0)) problems.add("speed must be positive, was " + b.speed);
        if (b.voice != null && b.voice.isBlank()) problems.add("voice must not be blank");
        this.transport = b.openTransport(problems);
        this.listeners = b.openListeners();
        this.modelName = b.modelName;
        this.voice = b.voice;
        this.format = b.format;
        this.speed = b.speed;
    }

    public static Builder builder() {
        return new Builder();
    }

    public String modelName() {
        return modelName;
    }

    @Override
    public TextToSpeechResponse synthesize(TextToSpeechRequest request) {
        if (request == null || request.text() == null || request.text().isBlank()) {
            throw new IllegalArgumentException("the text to synthesize must not be blank");
        }
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.put("model", modelName);
        body.put("input", request.text());
        String v = request.voice() != null && !request.voice().isBlank() ? request.voice() : voice;
        if (v != null) body.put("voice", v);
        if (format != null) body.put("response_format", format.wire);
        if (speed != null) body.put("speed", speed);
        Format expected = format == null ? Format.PCM : format;
        int characters = request.text().length();
        OpenRouterCallRequest call = new OpenRouterCallRequest(OpenRouterCallKind.SPEECH, modelName, 1,
                OpenRouterCallUsage.none().withCharacters(characters));
        Audio audio = listeners.around(call, () -> transport.post(EndpointTransport.endpoint("audio/speech", "audio/*",
                (contentType, bytes) -> {
                    if (bytes.length == 0) {
                        throw new MalformedResponseException("HTTP 200 with no audio");
                    }
                    return Audio.builder().binaryData(bytes).mimeType(mimeType(contentType, expected)).build();
                }), body, modelName),
                a -> new OpenRouterCallResponse(modelName, null, null,
                        OpenRouterCallUsage.none().withCharacters(characters), null));
        return TextToSpeechResponse.from(audio);
    }

    private static String mimeType(String contentType, Format expected) {
        if (contentType == null || contentType.isBlank()) {
            return expected.mimeType();
        }
        String ct = contentType.toLowerCase(Locale.ROOT);
        int semi = ct.indexOf(';');
        ct = (semi >= 0 ? ct.substring(0, semi) : ct).strip();
        return ct.startsWith("audio/") ? ct : expected.mimeType();
    }

    /** Releases the model's threads and connections. */
    @Override
    public void close() {
        transport.close();
    }

    /** Describes the model; never shows the key. */
    @Override
    public String toString() {
        return "OpenRouterTextToSpeechModel{modelName=" + modelName + ", voice=" + voice + ", format=" + format + ", "
                + transport.describe() + '}';
    }

    /** Builds {@link OpenRouterTextToSpeechModel}; the connection options are those of {@link OpenRouterClientBuilder}. */
    public static class Builder extends OpenRouterClientBuilder<Builder> {

        private String voice;
        private Format format;
        private Double speed;

        public Builder() {
        }

        /** Observers of every call (see {@link OpenRouterCallListener}), e.g. a cost ledger's. */
        public Builder listeners(List<OpenRouterCallListener> listeners) { return callListeners(listeners); }

        /** Observers of every call (see {@link OpenRouterCallListener}), e.g. a cost ledger's. */
        public Builder listeners(OpenRouterCallListener... listeners) { return callListeners(Arrays.asList(listeners)); }

        /** The default voice (provider-specific, e.g. {@code alloy}); a request may name another. */
        public Builder voice(String voice) { this.voice = voice; return this; }

        /** {@link Format#PCM} (OpenRouter's default when unset) or {@link Format#MP3}. */
        public Builder format(Format format) { this.format = format; return this; }

        /** Playback speed for models that support it (e.g. OpenAI's); ignored by others. */
        public Builder speed(Double speed) { this.speed = speed; return this; }

        @Override
        String exampleModel() {
            return "openai/gpt-4o-mini-tts";
        }

        public OpenRouterTextToSpeechModel build() {
            return new OpenRouterTextToSpeechModel(this);
        }
    }
}
