package dev.openrouter4j.testkit.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code POST /audio/speech} and {@code POST /audio/transcriptions} when nothing is scripted.
 *
 * <p>Speech: a quiet tone, 80 ms per word (at least 200 ms, at most 5 s), as raw PCM (the spec's default) or silent
 * MP3 frames; priced per input character. Transcription: audio this fake synthesized is transcribed back to the text
 * it was made from (so speech and transcription round-trip); any other audio gets a fixed sentence naming its size
 * and format. Priced per second of audio. Remembers at most {@value #MAX_REMEMBERED} syntheses.
 */
public final class AudioEngine {

    static final int MAX_REMEMBERED = 1000;

    private final ChatEngine engine;
    private final MediaCatalog catalog = MediaCatalog.get();
    private final Map<String, String> spoken = new ConcurrentHashMap<>();

    public AudioEngine(ChatEngine engine) {
        this.engine = engine;
    }

    public void reset() {
        spoken.clear();
    }

    public Reply speech(ChatCall call) {
        RequestCheck.Checked checked = RequestCheck.check("/audio/speech", call, catalog::speech);
        if (checked.error() != null) {
            return checked.error();
        }
        JsonNode body = checked.body();
        MediaCatalog.Entry model = checked.model();
        String modelId = model.id();
        String text = body.path("input").asText();
        int millis = Math.min(5000, Math.max(200, 80 * TextFeatures.words(text).size()));
        boolean mp3 = "mp3".equals(body.path("response_format").asText("pcm"));
        byte[] audio = mp3 ? MediaBytes.mp3(millis) : MediaBytes.pcm(millis, text.hashCode());
        if (!mp3 && spoken.size() < MAX_REMEMBERED) {
            spoken.put(digest(audio), text);
        }
        BigDecimal cost = Answer.plain(model.unitPrice().multiply(BigDecimal.valueOf(text.length())));
        engine.charge(cost);
        return Reply.status(200)
                .header("Content-Type", mp3 ? "audio/mpeg" : "audio/pcm")
                .data(audio);
    }

    public Reply transcription(ChatCall call) {
        RequestCheck.Checked checked = RequestCheck.check("/audio/transcriptions", call, catalog::transcription);
        if (checked.error() != null) {
            return checked.error();
        }
        JsonNode body = checked.body();
        MediaCatalog.Entry model = checked.model();
        String modelId = model.id();
        String format = body.path("input_audio").path("format").asText();
        byte[] audio;
        try {
            audio = Base64.getDecoder().decode(body.path("input_audio").path("data").asText());
        } catch (IllegalArgumentException e) {
            return Errors.badRequest("input_audio.data must be base64-encoded audio (raw bytes, not a data URI)");
        }
        if (audio.length == 0) {
            return Errors.badRequest("input_audio.data is empty");
        }
        byte[] pcm = audio.length > 44 && "wav".equals(format)
                ? java.util.Arrays.copyOfRange(audio, 44, audio.length) : audio;
        String text = spoken.get(digest(pcm));
        if (text == null) {
            text = "This is the fake transcript of " + audio.length + " bytes of " + format + " audio.";
        }
        double seconds = MediaBytes.seconds(audio, format);
        BigDecimal cost = Answer.plain(model.unitPrice().multiply(BigDecimal.valueOf(seconds))
                .setScale(10, RoundingMode.HALF_UP));
        ObjectNode root = Json.object();
        root.put("text", text);
        if ("verbose_json".equals(body.path("response_format").asText())) {
            root.put("task", "transcribe");
            root.put("language", body.path("language").asText("en"));
            root.put("duration", seconds);
        }
        ObjectNode usage = root.putObject("usage");
        int outputTokens = ChatEngine.tokenize(text).size();
        int inputTokens = (int) Math.ceil(seconds * 10);
        usage.put("seconds", seconds);
        usage.put("input_tokens", inputTokens);
        usage.put("output_tokens", outputTokens);
        usage.put("total_tokens", inputTokens + outputTokens);
        usage.put("cost", cost);
        engine.charge(cost);
        return Reply.json(200, Json.bytes(root));
    }

    private static String digest(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
