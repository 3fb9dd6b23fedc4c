package dev.openrouter4j.langchain4j.internal.request;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.langchain4j.data.audio.Audio;
import dev.langchain4j.data.message.AudioContent;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.Content;
import dev.langchain4j.data.message.ContentType;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.exception.UnsupportedFeatureException;

import java.net.URI;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The multimodal parts of user messages: images ({@code image_url}), PDFs ({@code file}), audio
 * ({@code input_audio}) and video ({@code video_url}), as OpenRouter's {@code ChatContentItems} define them.
 * <p>
 * {@code langchain4j-open-ai} writes the parts; this class checks what it cannot write before anything is sent (audio
 * given as a URL, a modality the model's catalog entry does not list) and then fixes the two details where OpenAI's
 * shape and OpenRouter's differ: a PDF gets a file name ending in {@code .pdf} instead of {@code pdf_file}, and an
 * audio format is OpenRouter's name ({@code mp3}, not the MIME subtype {@code mpeg}).
 */
public final class ContentParts {

    private static final Map<String, String> AUDIO_FORMATS = Map.ofEntries(
            Map.entry("mpeg", "mp3"), Map.entry("mp3", "mp3"), Map.entry("mpeg3", "mp3"), Map.entry("x-mpeg-3", "mp3"),
            Map.entry("wav", "wav"), Map.entry("x-wav", "wav"), Map.entry("wave", "wav"), Map.entry("vnd.wave", "wav"),
            Map.entry("flac", "flac"), Map.entry("x-flac", "flac"), Map.entry("mp4", "m4a"), Map.entry("m4a", "m4a"),
            Map.entry("x-m4a", "m4a"), Map.entry("ogg", "ogg"), Map.entry("aiff", "aiff"), Map.entry("x-aiff", "aiff"),
            Map.entry("aac", "aac"), Map.entry("webm", "webm"), Map.entry("pcm16", "pcm16"), Map.entry("pcm24", "pcm24"));

    /** The OpenAI default file name {@code langchain4j-open-ai} gives every PDF. */
    private static final String OPENAI_DEFAULT_FILENAME = "pdf_file";

    private ContentParts() {
    }

    /**
     * Fails before sending when a part cannot reach the model: audio without base64 data or with an unknown format,
     * or a content type whose modality the model's catalog entry does not list.
     *
     * @param inputModalities the model's input modalities from a catalog, empty when unknown (then only the shape of
     *                        the parts is checked)
     */
    public static void check(List<ChatMessage> messages, String model,
                             Function<String, Optional<List<String>>> inputModalities) {
        Set<ContentType> used = new LinkedHashSet<>();
        for (ChatMessage message : messages) {
            if (message instanceof UserMessage user && user.contents() != null) {
                for (Content c : user.contents()) {
                    used.add(c.type());
                    if (c instanceof AudioContent audio) {
                        checkAudio(audio.audio());
                    }
                }
            }
        }
        used.remove(ContentType.TEXT);
        if (used.isEmpty() || inputModalities == null) {
            return;
        }
        Optional<List<String>> listed = inputModalities.apply(model);
        if (listed.isEmpty() || listed.get().isEmpty()) {
            return;
        }
        for (ContentType type : used) {
            String modality = modality(type);
            if (modality != null && !listed.get().contains(modality)) {
                throw new UnsupportedFeatureException(model + " cannot take " + modality + " input ("
                        + type + " content): OpenRouter's catalog lists its input modalities as " + listed.get()
                        + ". Choose a model whose input_modalities include " + modality + ".");
            }
        }
    }

    /** The catalog's name of the modality a content type needs; {@code null} for text and unknown types. */
    static String modality(ContentType type) {
        return switch (type) {
            case IMAGE -> "image";
            case PDF -> "file";
            case AUDIO -> "audio";
            case VIDEO -> "video";
            default -> null;
        };
    }

    private static void checkAudio(Audio audio) {
        if (audio.base64Data() == null || audio.base64Data().isBlank()) {
            throw new IllegalArgumentException("AudioContent must carry base64 data: OpenRouter's input_audio part"
                    + " takes base64-encoded audio, not a URL (" + audio.url() + "). Read the bytes and use"
                    + " AudioContent.from(base64, \"audio/wav\").");
        }
        if (audioFormat(audio.mimeType()) == null) {
            throw new IllegalArgumentException("AudioContent needs a MIME type OpenRouter knows (audio/wav,"
                    + " audio/mpeg, audio/flac, audio/mp4, audio/ogg, audio/aiff, audio/aac, audio/webm), was "
                    + audio.mimeType());
        }
    }

    /** OpenRouter's format name for an audio MIME type, or {@code null}. */
    public static String audioFormat(String mimeType) {
        if (mimeType == null) {
            return null;
        }
        String m = mimeType.toLowerCase(Locale.ROOT).strip();
        int semi = m.indexOf(';');
        if (semi >= 0) {
            m = m.substring(0, semi);
        }
        int slash = m.indexOf('/');
        return AUDIO_FORMATS.get(slash >= 0 ? m.substring(slash + 1) : m);
    }

    /** Fixes PDF file names and audio formats in the written messages. */
    public static void adjust(JsonNode wireMessages) {
        for (JsonNode message : wireMessages) {
            JsonNode content = message.path("content");
            if (!content.isArray()) {
                continue;
            }
            for (JsonNode part : content) {
                String type = part.path("type").asText();
                if (type.equals("file") && part.path("file") instanceof ObjectNode file
                        && OPENAI_DEFAULT_FILENAME.equals(file.path("filename").asText())) {
                    file.put("filename", fileName(file.path("file_data").asText()));
                } else if (type.equals("input_audio") && part.path("input_audio") instanceof ObjectNode audio) {
                    String format = audioFormat(audio.path("format").asText());
                    if (format != null) {
                        audio.put("format", format);
                    }
                }
            }
        }
    }

    /** The last path segment of a URL when it names a PDF, else {@code document.pdf}. */
    static String fileName(String fileData) {
        if (fileData.startsWith("http://") || fileData.startsWith("https://")) {
            try {
                String path = URI.create(fileData).getPath();
                String last = path == null ? "" : path.substring(path.lastIndexOf('/') + 1);
                if (last.toLowerCase(Locale.ROOT).endsWith(".pdf") && last.length() > 4) {
                    return last;
                }
            } catch (IllegalArgumentException ignored) {
                // not a parseable URL: fall through to the generic name
            }
        }
        return "document.pdf";
    }
}
