package dev.openrouter4j.langchain4j.internal;

import dev.langchain4j.exception.AuthenticationException;
import dev.langchain4j.exception.InternalServerException;
import dev.langchain4j.exception.InvalidRequestException;
import dev.langchain4j.exception.NonRetriableException;
import dev.openrouter4j.langchain4j.exception.ContextLengthExceededException;
import dev.openrouter4j.langchain4j.exception.InsufficientCreditsException;
import dev.openrouter4j.langchain4j.exception.ModerationException;
import dev.openrouter4j.langchain4j.exception.OpenRouterAuthenticationException;
import dev.openrouter4j.langchain4j.exception.OpenRouterConnectionException;
import dev.openrouter4j.langchain4j.exception.OpenRouterFailure;
import dev.openrouter4j.langchain4j.exception.OpenRouterInvalidRequestException;
import dev.openrouter4j.langchain4j.exception.OpenRouterModelNotFoundException;
import dev.openrouter4j.langchain4j.exception.OpenRouterRateLimitException;
import dev.openrouter4j.langchain4j.exception.OpenRouterServerException;
import dev.openrouter4j.langchain4j.exception.OpenRouterTimeoutException;
import dev.openrouter4j.langchain4j.exception.OpenRouterUnresolvedHostException;
import dev.openrouter4j.langchain4j.exception.PermissionDeniedException;
import dev.openrouter4j.langchain4j.internal.error.ErrorMapper;
import dev.openrouter4j.langchain4j.internal.error.IdleTimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ErrorMapperTest {

    private static final String KEY = "sk-or-v1-test0000000000000000000000000000000000000000000000000000abcd";
    private final ErrorMapper mapper = new ErrorMapper("openai/gpt-4o-mini",
            id -> List.of("openai/gpt-4o", "openai/gpt-4o-mini"), KEY);

    private static String body(int code, String message, String metadata) {
        return "{\"error\":{\"code\":" + code + ",\"message\":\"" + message + "\""
                + (metadata == null ? "" : ",\"metadata\":" + metadata) + "},\"user_id\":\"user_1\"}";
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "401|No auth credentials found|OpenRouterAuthenticationException",
            "402|This request requires more credits, or fewer max_tokens.|InsufficientCreditsException",
            "403|Your input was flagged|ModerationException",
            "403|Blocked by guardrail|PermissionDeniedException",
            "400|bogus/model is not a valid model ID|OpenRouterModelNotFoundException",
            "404|No endpoints found for bogus/model.|OpenRouterModelNotFoundException",
            "400|This endpoint's maximum context length is 8192 tokens|ContextLengthExceededException",
            "413|Request too large|ContextLengthExceededException",
            "408|Request timed out|OpenRouterTimeoutException",
            "429|Provider returned error|OpenRouterRateLimitException",
            "500|Internal Server Error|OpenRouterServerException",
            "502|Model down|OpenRouterServerException",
            "503|No available provider|OpenRouterServerException",
            "524|Edge timeout|OpenRouterServerException",
            "529|Provider overloaded|OpenRouterServerException",
            "400|Invalid tool schema|OpenRouterInvalidRequestException",
            "422|Unprocessable|OpenRouterInvalidRequestException",
    })
    void maps_each_openrouter_error_to_its_type(int status, String message, String type) {
        String metadata = message.contains("flagged") ? "{\"reasons\":[\"harassment\"],\"flagged_input\":\"x\"}" : null;
        RuntimeException e = mapper.fromHttp(status, "application/json", body(status, message, metadata), null);
        assertThat(e.getClass().getSimpleName()).isEqualTo(type);
        assertThat(e).isInstanceOf(OpenRouterFailure.class);
        assertThat(e.getMessage()).contains(message.replace("\\", "")).contains("HTTP " + status);
        assertThat(((OpenRouterFailure) e).httpStatus()).isEqualTo(status);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            // the structure decides, whatever the English message says
            "400|Something went wrong|{\"error_type\":\"context_length_exceeded\"}|ContextLengthExceededException",
            "400|Something went wrong|{\"error_type\":\"rate_limit_exceeded\"}|OpenRouterRateLimitException",
            "400|Something went wrong|{\"error_type\":\"provider_unavailable\"}|OpenRouterServerException",
            "403|Something went wrong|{\"error_type\":\"content_policy_violation\"}|ModerationException",
            "403|This input was flagged, see docs|{\"error_type\":\"permission_denied\"}|PermissionDeniedException",
            "404|Something went wrong|AVAILABILITY:model_not_found|OpenRouterModelNotFoundException",
            "404|Something went wrong|AVAILABILITY:temporarily_unavailable|OpenRouterServerException",
            "400|Something went wrong|AVAILABILITY:region_restricted|OpenRouterInvalidRequestException",
            // a status with one meaning beats a message that sounds like another case
            "503|No endpoints found for bogus/model.||OpenRouterServerException",
            "429|This endpoint's maximum context length is 8192 tokens||OpenRouterRateLimitException",
    })
    void decides_from_status_error_type_and_availability_before_the_message(int status, String message,
                                                                            String extra, String type) {
        String body;
        if (extra != null && extra.startsWith("AVAILABILITY:")) {
            body = "{\"error\":{\"message\":\"" + message + "\",\"http_status\":" + status
                    + ",\"availability\":{\"code\":\"" + extra.substring(13) + "\",\"retryable\":false}}}";
        } else {
            body = body(status, message, extra);
        }
        RuntimeException e = mapper.fromHttp(status, "application/json", body, null);
        assertThat(e.getClass().getSimpleName()).isEqualTo(type);
        assertThat(((OpenRouterFailure) e).httpStatus()).isEqualTo(status);
    }

    @Test
    void an_availability_error_marked_retryable_is_a_server_failure() {
        RuntimeException e = mapper.fromHttp(404, "application/json", "{\"error\":{\"message\":\"busy\","
                + "\"availability\":{\"code\":\"something_new\",\"retryable\":true,\"retry_after\":4}}}", null);
        assertThat(e).isInstanceOf(OpenRouterServerException.class);
        assertThat(((OpenRouterFailure) e).retryAfter()).isEqualTo(Duration.ofSeconds(4));
    }

    @Test
    void each_case_has_one_message_text_whether_the_body_is_openrouter_json_or_not() {
        RuntimeException json = mapper.fromHttp(401, "application/json", body(401, "No auth credentials found", null),
                null);
        RuntimeException html = mapper.fromHttp(401, "text/html", "<html><title>Unauthorized</title></html>", null);
        String advice = "Check that OPENROUTER_API_KEY (or apiKey) holds a valid key starting with sk-or-v1-.";
        assertThat(json.getMessage()).startsWith("OpenRouter rejected the API key: ").endsWith(advice);
        assertThat(html.getMessage()).startsWith("OpenRouter rejected the API key: ").endsWith(advice)
                .contains("401 from the server");
        RuntimeException credits = mapper.fromHttp(402, "text/plain", "no money", null);
        assertThat(credits.getMessage()).contains("https://openrouter.ai/settings/credits, or send a lower max_tokens");
    }

    @Test
    void credits_is_non_retriable_and_says_what_to_do() {
        RuntimeException e = mapper.fromHttp(402, "application/json",
                body(402, "This request requires more credits, or fewer max_tokens.", "{\"provider_name\":null}"), null);
        assertThat(e).isInstanceOf(NonRetriableException.class).isInstanceOf(InsufficientCreditsException.class);
        assertThat(e.getMessage()).contains("https://openrouter.ai/settings/credits").contains("max_tokens");
    }

    @Test
    void moderation_is_content_filtered_with_reasons_never_authentication() {
        RuntimeException e = mapper.fromHttp(403, "application/json", body(403, "Your input was flagged",
                "{\"reasons\":[\"violence\",\"harassment\"],\"flagged_input\":\"...\",\"provider_name\":\"OpenAI\"}"),
                null);
        assertThat(e).isInstanceOf(ModerationException.class).isInstanceOf(InvalidRequestException.class)
                .isNotInstanceOf(AuthenticationException.class);
        assertThat(((ModerationException) e).reasons()).containsExactly("violence", "harassment");
        assertThat(e.getMessage()).contains("violence, harassment").contains("OpenAI");
    }

    @Test
    void guardrail_403_is_permission_denied_never_authentication() {
        RuntimeException e = mapper.fromHttp(403, "application/json",
                body(403, "Request blocked by workspace guardrail", "{\"patterns\":[\"ssn\"]}"), null);
        assertThat(e).isInstanceOf(PermissionDeniedException.class).isNotInstanceOf(AuthenticationException.class);
    }

    @Test
    void unknown_model_names_the_model_and_suggests_known_ones() {
        RuntimeException e = mapper.fromHttp(400, "application/json",
                body(400, "openai/gpt-4o-mini is not a valid model ID", null), null);
        assertThat(e).isInstanceOf(OpenRouterModelNotFoundException.class);
        assertThat(e.getMessage()).contains("'openai/gpt-4o-mini'").contains("Did you mean: openai/gpt-4o");
        assertThat(((OpenRouterModelNotFoundException) e).suggestions()).containsExactly("openai/gpt-4o",
                "openai/gpt-4o-mini");
    }

    @Test
    void rate_limit_exposes_retry_after_from_header_and_provider_from_metadata() {
        RuntimeException e = mapper.fromHttp(429, "application/json", body(429, "Provider returned error",
                "{\"provider_name\":\"Google\",\"raw\":\"google/gemini is temporarily rate-limited upstream\"}"), "7");
        assertThat(e).isInstanceOf(OpenRouterRateLimitException.class);
        OpenRouterFailure f = (OpenRouterFailure) e;
        assertThat(f.retryAfter()).isEqualTo(Duration.ofSeconds(7));
        assertThat(f.providerName()).isEqualTo("Google");
        assertThat(e.getMessage()).contains("Google").contains("temporarily rate-limited upstream").contains("7 s");
    }

    @Test
    void html_page_says_status_from_the_server_not_the_page() {
        String html = "<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head><body>"
                + "<h1>cloudflare</h1>" + "x".repeat(5000) + "</body></html>";
        RuntimeException e = mapper.fromHttp(502, "text/html; charset=UTF-8", html, null);
        assertThat(e).isInstanceOf(OpenRouterServerException.class).isInstanceOf(InternalServerException.class);
        assertThat(e.getMessage()).contains("502 from the server").contains("HTML page").doesNotContain("<h1>")
                .doesNotContain("xxxxxxxxxx");
        assertThat(e.getMessage().length()).isLessThan(400);
    }

    @Test
    void error_code_may_be_a_string_and_messages_never_echo_the_key() {
        RuntimeException e = mapper.fromHttp(500, "application/json",
                "{\"error\":{\"code\":\"server_error\",\"message\":\"bad key " + KEY + "\"}}", null);
        assertThat(e).isInstanceOf(OpenRouterServerException.class);
        assertThat(e.getMessage()).doesNotContain(KEY).contains("sk-or-v1-****abcd");
    }

    @Test
    void transport_failures_are_typed_and_name_what_failed() {
        assertThat(mapper.fromTransport(new ConnectException("Connection refused"), "127.0.0.1:1", "x", null, null))
                .isInstanceOf(OpenRouterConnectionException.class).hasMessageContaining("refused")
                .hasMessageContaining("127.0.0.1:1");
        assertThat(mapper.fromTransport(new UnknownHostException("nowhere.invalid"), "nowhere.invalid", "x", null,
                null)).isInstanceOf(OpenRouterUnresolvedHostException.class).hasMessageContaining("DNS");
        java.net.ConnectException wrapped = new java.net.ConnectException();
        wrapped.initCause(new java.nio.channels.UnresolvedAddressException()); // how JDK 17 reports it
        assertThat(mapper.fromTransport(wrapped, "nowhere.invalid", "x", null, null))
                .isInstanceOf(OpenRouterUnresolvedHostException.class).hasMessageNotContaining("refused");
        assertThat(mapper.fromTransport(new HttpConnectTimeoutException("t"), "h", "x", Duration.ofSeconds(1), null))
                .isInstanceOf(OpenRouterTimeoutException.class).hasMessageContaining("Connecting");
        assertThat(mapper.fromTransport(new HttpTimeoutException("t"), "h", "waiting", Duration.ofSeconds(1), null))
                .isInstanceOf(OpenRouterTimeoutException.class).hasMessageContaining("No response");
        assertThat(mapper.fromTransport(new IdleTimeoutException("no data"), "h", "in the middle of the stream",
                Duration.ofSeconds(1), null)).isInstanceOf(OpenRouterTimeoutException.class)
                .hasMessageContaining("stalled");
        assertThat(mapper.fromTransport(new IOException("Connection reset"), "h", "in the middle of the stream",
                null, null)).isInstanceOf(OpenRouterConnectionException.class).hasMessageContaining("reset");
    }

    @Test
    void retry_after_accepts_seconds_and_http_dates_and_is_capped() {
        assertThat(ErrorMapper.parseRetryAfter("3")).isEqualTo(Duration.ofSeconds(3));
        assertThat(ErrorMapper.parseRetryAfter("1.2")).isEqualTo(Duration.ofSeconds(2));
        assertThat(ErrorMapper.parseRetryAfter("999999")).isEqualTo(Duration.ofHours(1));
        assertThat(ErrorMapper.parseRetryAfter("Wed, 21 Oct 2015 07:28:00 GMT")).isEqualTo(Duration.ZERO);
        assertThat(ErrorMapper.parseRetryAfter("soon")).isNull();
        assertThat(ErrorMapper.parseRetryAfter(null)).isNull();
    }
}
