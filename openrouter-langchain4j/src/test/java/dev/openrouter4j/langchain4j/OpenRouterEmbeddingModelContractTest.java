package dev.openrouter4j.langchain4j;

import dev.langchain4j.data.message.ContentType;
import dev.langchain4j.data.message.ImageContent;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.common.AbstractEmbeddingModelIT;
import dev.langchain4j.model.embedding.listener.EmbeddingModelListener;
import dev.openrouter4j.testkit.FakeOpenRouter;
import org.junit.jupiter.api.AfterAll;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;

/**
 * LangChain4j's own contract for embedding models ({@code AbstractEmbeddingModelIT} of langchain4j-core 1.19.0),
 * run against the fake OpenRouter with a multimodal model ({@code jina-ai/jina-embeddings-v4}, text and image).
 * <p>
 * Every test of the contract that applies runs (22 of 25). The three {@code should_fail_when_*_is_not_supported}
 * tests are for models without input types, dimensions or images; this model has all three, so the contract would
 * only report them skipped: they are overridden below without {@code @Test}, which takes them out of the plan. Two
 * adaptations, both honest: {@link #catImage()} is a small PNG made here instead
 * of the contract's download from Wikimedia (tests talk to loopback only), and {@link #failingModelWith} points at a
 * closed port, so the error listener sees a real connection failure. The fake gives a query and a document of the same
 * text slightly different vectors, as models with {@code input_type} do, and embeds images (their bytes hashed like
 * text), which is what the image tests can check: a vector of the model's dimension.
 */
class OpenRouterEmbeddingModelContractTest extends AbstractEmbeddingModelIT {

    static final FakeOpenRouter FAKE = FakeOpenRouter.start();
    static final List<OpenRouterEmbeddingModel> OPEN = new ArrayList<>();

    @AfterAll
    static void stop() {
        OPEN.forEach(OpenRouterEmbeddingModel::close);
        FAKE.close();
    }

    static OpenRouterEmbeddingModel.Builder builder() {
        return OpenRouterEmbeddingModel.builder().apiKey(StreamingChatModelTest.KEY).baseUrl(FAKE.baseUrl())
                .modelName("jina-ai/jina-embeddings-v4").supportedContentTypes(Set.of(ContentType.TEXT,
                        ContentType.IMAGE)).maxRetries(0).timeout(Duration.ofSeconds(10));
    }

    static OpenRouterEmbeddingModel open(OpenRouterEmbeddingModel m) {
        OPEN.add(m);
        return m;
    }

    @Override
    protected List<EmbeddingModel> models() {
        return List.of(open(builder().build()), open(builder().batchSize(1).build()));
    }

    @Override
    protected EmbeddingModel modelWith(EmbeddingModelListener listener) {
        return open(builder().listeners(listener).build());
    }

    @Override
    protected EmbeddingModel failingModelWith(EmbeddingModelListener listener) {
        return open(builder().baseUrl("http://127.0.0.1:1/api/v1").listeners(listener).build());
    }

    @Override
    protected ImageContent catImage() {
        // a 2x2 PNG drawn here instead of the contract's download (tests talk to loopback only)
        BufferedImage image = new BufferedImage(2, 2, BufferedImage.TYPE_INT_RGB);
        image.setRGB(0, 0, 0xff8800);
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", png);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return ImageContent.from(Base64.getEncoder().encodeToString(png.toByteArray()), "image/png");
    }

    // Not tests here: the model supports input types, dimensions and images (see the class comment).
    @Override
    protected void should_fail_when_input_type_is_not_supported(EmbeddingModel model) {
    }

    @Override
    protected void should_fail_when_dimensions_is_not_supported(EmbeddingModel model) {
    }

    @Override
    protected void should_fail_when_image_input_is_not_supported(EmbeddingModel model) {
    }
}
