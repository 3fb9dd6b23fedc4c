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
 * declined before the accumulator is touched, and the caller takes the tree path, so results are the same either way
 * ({@code PlainChunkReaderAgreementTest} checks it on every recorded stream and on generated ones).
 */
final class PlainChunkReader {

    /** The fields of a plain chunk, filled while reading; any method returning false declines the chunk. */
    private static final class Plain {
        String id;
        String model;
        String provider;
        Long created;
        JsonNode usage;
        boolean hasChoice;
        String content;
        String finishReason;
        String nativeFinishReason;
    }

    private PlainChunkReader() {
    }

    /** @return true when the chunk was plain and is now folded into {@code acc}; false to take the tree path */
    static boolean read(byte[] data, int off, int len, StreamAccumulator acc, StreamAccumulator.Sink sink) {
        Plain c = new Plain();
        try (JsonParser p = Json.MAPPER.createParser(data, off, len)) {
            if (p.nextToken() != JsonToken.START_OBJECT || !readChunk(p, c)) {
                return false;
            }
        } catch (IOException | RuntimeException e) {
            return false; // malformed: the tree path reports it (or repairs invalid UTF-8)
        }
        acc.acceptPlain(c.id, c.model, c.provider, c.created, c.usage, c.hasChoice, c.content, c.finishReason,
                c.nativeFinishReason, sink);
        return true;
    }

    private static boolean readChunk(JsonParser p, Plain c) throws IOException {
        JsonToken t;
        while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken v = p.nextToken();
            boolean ok = switch (name) {
                case "id" -> (c.id = string(p, v)) != DECLINE;
                case "model" -> (c.model = string(p, v)) != DECLINE;
                case "provider" -> (c.provider = string(p, v)) != DECLINE;
                case "created" -> readCreated(p, v, c);
                case "usage" -> {
                    if (v == JsonToken.START_OBJECT) c.usage = p.readValueAsTree();
                    else p.skipChildren();
                    yield true;
                }
                case "error" -> v == JsonToken.VALUE_NULL;
                case "choices" -> readChoices(p, v, c);
                default -> {
                    p.skipChildren();
                    yield true;
                }
            };
            if (!ok) return false;
        }
        return t == JsonToken.END_OBJECT;
    }

    /** What {@link #string} returns for a value that is neither a string nor null (compared by identity). */
    @SuppressWarnings("StringOperationCanBeSimplified")
    private static final String DECLINE = new String("decline");

    /** A string, or null for a JSON null (as the tree path's text lookup); anything else is {@link #DECLINE}. */
    private static String string(JsonParser p, JsonToken v) throws IOException {
        if (v == JsonToken.VALUE_STRING) return p.getText();
        if (v == JsonToken.VALUE_NULL) return null;
        return DECLINE;
    }

    private static boolean readCreated(JsonParser p, JsonToken v, Plain c) throws IOException {
        if (v == JsonToken.VALUE_NUMBER_INT && p.getNumberType() != JsonParser.NumberType.BIG_INTEGER) {
            c.created = p.getLongValue();
            return true;
        }
        if (v == JsonToken.VALUE_NULL) {
            c.created = null;
            return true;
        }
        return false;
    }

    private static boolean readChoices(JsonParser p, JsonToken v, Plain c) throws IOException {
        if (v != JsonToken.START_ARRAY) {
            p.skipChildren();
            return true;
        }
        JsonToken e = p.nextToken();
        if (e == JsonToken.END_ARRAY) return true;
        if (e != JsonToken.START_OBJECT || !readChoice(p, c)) return false;
        while ((e = p.nextToken()) != JsonToken.END_ARRAY) {
            if (e == null) return false;
            p.skipChildren(); // choices after the first are not read (as on the tree path)
        }
        return true;
    }

    private static boolean readChoice(JsonParser p, Plain c) throws IOException {
        c.hasChoice = true;
        JsonToken t;
        while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken v = p.nextToken();
            boolean ok = switch (name) {
                case "delta" -> v == JsonToken.VALUE_NULL || (v == JsonToken.START_OBJECT && readDelta(p, c));
                case "finish_reason" -> (c.finishReason = string(p, v)) != DECLINE
                        && !"error".equals(c.finishReason);
                case "native_finish_reason" -> (c.nativeFinishReason = string(p, v)) != DECLINE;
                case "error" -> v == JsonToken.VALUE_NULL;
                default -> {
                    p.skipChildren();
                    yield true;
                }
            };
            if (!ok) return false;
        }
        return t == JsonToken.END_OBJECT;
    }

    private static boolean readDelta(JsonParser p, Plain c) throws IOException {
        JsonToken t;
        while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken v = p.nextToken();
            if (name.equals("content")) {
                c.content = string(p, v);
                if (c.content == DECLINE) return false;
            } else if (name.equals("role")) {
                p.skipChildren();
            } else if (v != JsonToken.VALUE_NULL) {
                return false; // reasoning, tool calls, annotations...: the tree path
            }
        }
        return t == JsonToken.END_OBJECT;
    }
}
