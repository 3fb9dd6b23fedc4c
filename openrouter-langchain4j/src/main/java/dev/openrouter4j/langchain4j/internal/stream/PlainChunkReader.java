package dev.openrouter4j.langchain4j.internal.stream;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import dev.openrouter4j.langchain4j.internal.json.Json;

import java.io.IOException;

/**
 * Reads the common stream chunk, a content delta (with or without a finish reason or usage), straight from the
 * bytes with Jackson's streaming parser instead of building a tree: the fields the accumulator needs are picked out,
 * the rest skipped. Anything else (reasoning, tool calls, annotations, errors, an unexpected shape, invalid JSON) is
 * declined before the accumulator is touched, and the caller takes the tree path, so results are the same either way.
 */
final class PlainChunkReader {

    private PlainChunkReader() {
    }

    /** @return true when the chunk was plain and is now folded into {@code acc}; false to take the tree path */
    static boolean read(byte[] data, int off, int len, StreamAccumulator acc, StreamAccumulator.Sink sink) {
        String id = null;
        String model = null;
        String provider = null;
        Long created = null;
        JsonNode usage = null;
        boolean hasChoice = false;
        String content = null;
        String finishReason = null;
        String nativeFinishReason = null;
        try (JsonParser p = Json.MAPPER.createParser(data, off, len)) {
            if (p.nextToken() != JsonToken.START_OBJECT) return false;
            JsonToken t;
            while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken v = p.nextToken();
                switch (name) {
                    case "id" -> {
                        if (v == JsonToken.VALUE_STRING) id = p.getText();
                        else if (v != JsonToken.VALUE_NULL) return false;
                    }
                    case "model" -> {
                        if (v == JsonToken.VALUE_STRING) model = p.getText();
                        else if (v != JsonToken.VALUE_NULL) return false;
                    }
                    case "provider" -> {
                        if (v == JsonToken.VALUE_STRING) provider = p.getText();
                        else if (v != JsonToken.VALUE_NULL) return false;
                    }
                    case "created" -> {
                        if (v == JsonToken.VALUE_NUMBER_INT && p.getNumberType() != JsonParser.NumberType.BIG_INTEGER) {
                            created = p.getLongValue();
                        } else if (v == JsonToken.VALUE_NULL) {
                            created = null;
                        } else {
                            return false;
                        }
                    }
                    case "usage" -> {
                        if (v == JsonToken.START_OBJECT) usage = p.readValueAsTree();
                        else p.skipChildren();
                    }
                    case "error" -> {
                        if (v != JsonToken.VALUE_NULL) return false;
                    }
                    case "choices" -> {
                        if (v != JsonToken.START_ARRAY) {
                            p.skipChildren();
                            break;
                        }
                        JsonToken e = p.nextToken();
                        if (e == JsonToken.END_ARRAY) break;
                        if (e != JsonToken.START_OBJECT) return false;
                        hasChoice = true;
                        JsonToken ct;
                        while ((ct = p.nextToken()) == JsonToken.FIELD_NAME) {
                            String cn = p.currentName();
                            JsonToken cv = p.nextToken();
                            switch (cn) {
                                case "delta" -> {
                                    if (cv == JsonToken.VALUE_NULL) break;
                                    if (cv != JsonToken.START_OBJECT) return false;
                                    JsonToken dt;
                                    while ((dt = p.nextToken()) == JsonToken.FIELD_NAME) {
                                        String dn = p.currentName();
                                        JsonToken dv = p.nextToken();
                                        if (dn.equals("content")) {
                                            if (dv == JsonToken.VALUE_STRING) content = p.getText();
                                            else if (dv != JsonToken.VALUE_NULL) return false;
                                        } else if (dn.equals("role")) {
                                            p.skipChildren();
                                        } else if (dv != JsonToken.VALUE_NULL) {
                                            return false; // reasoning, tool calls, annotations...: the tree path
                                        }
                                    }
                                    if (dt != JsonToken.END_OBJECT) return false;
                                }
                                case "finish_reason" -> {
                                    if (cv == JsonToken.VALUE_STRING) finishReason = p.getText();
                                    else if (cv != JsonToken.VALUE_NULL) return false;
                                    if ("error".equals(finishReason)) return false;
                                }
                                case "native_finish_reason" -> {
                                    if (cv == JsonToken.VALUE_STRING) nativeFinishReason = p.getText();
                                    else if (cv != JsonToken.VALUE_NULL) return false;
                                }
                                case "error" -> {
                                    if (cv != JsonToken.VALUE_NULL) return false;
                                }
                                default -> p.skipChildren();
                            }
                        }
                        if (ct != JsonToken.END_OBJECT) return false;
                        while ((e = p.nextToken()) != JsonToken.END_ARRAY) {
                            if (e == null) return false;
                            p.skipChildren(); // choices after the first are not read (as on the tree path)
                        }
                    }
                    default -> p.skipChildren();
                }
            }
            if (t != JsonToken.END_OBJECT) return false;
        } catch (IOException | RuntimeException e) {
            return false; // malformed: the tree path reports it (or repairs invalid UTF-8)
        }
        acc.acceptPlain(id, model, provider, created, usage, hasChoice, content, finishReason, nativeFinishReason,
                sink);
        return true;
    }
}
