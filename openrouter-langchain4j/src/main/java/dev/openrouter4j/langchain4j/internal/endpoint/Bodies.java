package dev.openrouter4j.langchain4j.internal.endpoint;

import com.fasterxml.jackson.databind.JsonNode;
import dev.openrouter4j.langchain4j.internal.error.MalformedResponseException;
import dev.openrouter4j.langchain4j.internal.json.Json;

import java.io.IOException;

/** Reading a JSON answer of a non-chat endpoint, with one wording for what is wrong with it. */
public final class Bodies {

    private Bodies() {
    }

    /** The JSON object of a body; {@code what} names the answer in the message (e.g. "the rerank response"). */
    public static JsonNode object(byte[] body, String what) throws MalformedResponseException {
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(body);
        } catch (IOException e) {
            throw new MalformedResponseException(what + " is not JSON: " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new MalformedResponseException(what + " is not a JSON object");
        }
        return root;
    }

    /** The array under {@code field} of an answer. */
    public static JsonNode array(JsonNode root, String field, String what) throws MalformedResponseException {
        JsonNode array = root.get(field);
        if (array == null || !array.isArray()) {
            throw new MalformedResponseException(what + " has no \"" + field + "\" array");
        }
        return array;
    }
}
