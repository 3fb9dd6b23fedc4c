package dev.openrouter4j.samples.chatapi;

import org.glassfish.jersey.jackson.JacksonFeature;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.server.ServerProperties;

/**
 * The Jakarta REST application: the LLM API under {@code /api/v1/llm}, the web page at {@code /}, JSON through
 * Jackson (without Jackson's own exception mappers, so every error, malformed JSON included, is this application's
 * JSON error), the body size limit, and one exception mapper for everything.
 */
public final class ChatApiApplication extends ResourceConfig {

    /** Registers the resources and providers. */
    public ChatApiApplication() {
        register(LlmResource.class);
        register(WebPage.class);
        register(JacksonFeature.withoutExceptionMappers());
        register(JsonConfig.class);
        register(BodyLimitFilter.class);
        register(ErrorMapper.class);
        property(ServerProperties.WADL_FEATURE_DISABLE, true);
        property(ServerProperties.RESPONSE_SET_STATUS_OVER_SEND_ERROR, true);
    }
}
