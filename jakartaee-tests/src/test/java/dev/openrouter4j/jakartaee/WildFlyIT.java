package dev.openrouter4j.jakartaee;

import com.fasterxml.jackson.databind.JsonNode;
import dev.openrouter4j.jakartaee.server.AppServer;
import dev.openrouter4j.jakartaee.server.WildFly;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** WildFly on the build's JDK (17 in CI). */
class WildFlyIT extends ServerContract {

    @Override
    AppServer server(Path work) {
        String v = Servers.version("wildfly");
        return new WildFly(Servers.dir().resolve("wildfly-" + v), work, Servers.thisJdk(), v);
    }

    @Override
    String name() {
        return "wildfly";
    }

    /**
     * Why the test application (and openrouter-cdi's README) sets {@code resteasy.preferJacksonOverJsonB=false}: without
     * it, LangChain4j's Jackson annotations make WildFly's RESTEasy use Jackson, and {@code @JsonbProperty} is ignored.
     */
    @Test
    @Order(45)
    void without_the_context_parameter_wildfly_turns_json_b_off() throws Exception {
        Path jackson = WarCopy.changing(war(), workFile("jackson.war"), WarCopy.WEB_XML,
                xml -> xml.replaceAll("(?s)<context-param>.*</context-param>", ""));
        server().deploy(jackson);
        try {
            assertThat(server().awaitDeployment("jackson", DEPLOY_TIMEOUT)).isTrue();
            JsonNode reply = JSON.readTree(get("/jackson/api/chat/json?q=hello"));
            assertThat(reply.has("modelId")).as("Jackson's property name: %s", reply).isTrue();
            assertThat(reply.has("model_id")).isFalse();
            assertThat(server().log()).contains("WFLYRS0018");
        } finally {
            server().undeploy("jackson");
        }
    }
}
