package dev.openrouter4j.testkit.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Base64;

/**
 * {@code POST /images} and image output of chat models when nothing is scripted: {@code n} small PNGs whose colour
 * is derived from the prompt (same prompt, same images), priced per image from the model's endpoint record.
 * Whatever {@code output_format} asks, the fake draws PNG and says so in {@code media_type}. Stateless; thread-safe.
 */
public final class ImageEngine {

    /** Edge of the fake's square images, in pixels. */
    public static final int SIZE = 8;
    /** Completion tokens a chat model is billed per generated image (Gemini's rate for a 1024x1024 image). */
    public static final int CHAT_IMAGE_TOKENS = 1290;
    private static final int MAX_IMAGES = 10;

    private final ChatEngine engine;
    private final MediaCatalog catalog = MediaCatalog.get();

    public ImageEngine(ChatEngine engine) {
        this.engine = engine;
    }

    public Reply answer(ChatCall call) {
        RequestCheck.Checked checked = RequestCheck.check("/images", call, catalog::image);
        if (checked.error() != null) {
            return checked.error();
        }
        JsonNode body = checked.body();
        MediaCatalog.Entry model = checked.model();
        String modelId = model.id();
        int n = body.path("n").asInt(1);
        if (n < 1 || n > MAX_IMAGES) {
            return Errors.badRequest("n must be between 1 and " + MAX_IMAGES + ", was " + n);
        }
        String prompt = body.path("prompt").asText();
        ObjectNode root = Json.object();
        root.put("created", Instant.now().getEpochSecond());
        ArrayNode data = root.putArray("data");
        for (int i = 0; i < n; i++) {
            ObjectNode item = data.addObject();
            item.put("b64_json", Base64.getEncoder().encodeToString(png(prompt, i)));
            item.put("media_type", "image/png");
        }
        BigDecimal cost = Answer.plain(model.unitPrice().multiply(BigDecimal.valueOf(n)));
        ObjectNode usage = root.putObject("usage");
        int promptTokens = ChatEngine.tokenize(prompt).size();
        usage.put("prompt_tokens", promptTokens);
        usage.put("completion_tokens", CHAT_IMAGE_TOKENS * n);
        usage.put("total_tokens", promptTokens + CHAT_IMAGE_TOKENS * n);
        usage.put("cost", cost);
        usage.put("is_byok", false);
        engine.charge(cost);
        return Reply.json(200, Json.bytes(root));
    }

    /** The {@code index}-th image for a prompt. */
    public static byte[] png(String prompt, int index) {
        long h = TextFeatures.hash(prompt, "image#" + index);
        return MediaBytes.png(SIZE, (int) (h & 0xffffff));
    }

    /** The {@code index}-th image for a prompt as a {@code data:image/png;base64,...} URL (chat image output). */
    public static String dataUrl(String prompt, int index) {
        return "data:image/png;base64," + Base64.getEncoder().encodeToString(png(prompt, index));
    }
}
