package io.asyncio4j.http.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;

/**
 * The module's one Jackson {@link ObjectMapper}, with Jackson's defaults: what
 * {@code Request.json()}, {@code Web.jsonResponse}, {@code ClientResponse.json()},
 * {@code RequestOptions.withJson} and the WebSocket JSON methods read and write with. Kept in one
 * class so that only code that uses JSON touches Jackson's classes.
 * <p>
 * Threading: any thread (an ObjectMapper is thread-safe once configured, and this one is never
 * reconfigured).
 * <p>
 * asyncio: Python's {@code json.loads} / {@code json.dumps}, aiohttp's default {@code loads=}/{@code dumps=}
 */
public final class Json {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {
    }

    /**
     * {@code bytes} (UTF-8, or UTF-16/32 as Jackson detects) as a tree.
     *
     * @throws IOException (a Jackson {@code JsonProcessingException}) for text that is not JSON
     */
    public static JsonNode parse(byte[] bytes) throws IOException {
        return MAPPER.readTree(bytes);
    }

    /** A message body as a tree: null when it is empty (aiohttp's {@code json()} gives None for one). */
    public static JsonNode parseBody(byte[] body) throws JsonProcessingException {
        try {
            return body.length == 0 ? null : MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            throw e;
        } catch (IOException e) {
            throw new IllegalStateException("JSON: reading a byte array failed", e); // no I/O happens
        }
    }

    /** {@code text} as a tree. */
    public static JsonNode parse(String text) throws IOException {
        return MAPPER.readTree(text);
    }

    /** {@code bytes} bound to {@code type} (a record, a bean, a {@code Map}...). */
    public static <T> T parse(byte[] bytes, Class<T> type) throws IOException {
        return MAPPER.readValue(bytes, type);
    }

    /**
     * {@code value} as JSON text in UTF-8 bytes: a {@link JsonNode}, a {@code Map}, a {@code List},
     * a record or bean, a string, a number...
     *
     * @throws IllegalArgumentException if Jackson cannot serialize it (the message says why)
     */
    public static byte[] write(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("JSON: cannot serialize a " + (value == null ? "null"
                    : value.getClass().getName()) + ": " + e.getOriginalMessage(), e);
        }
    }

    /** {@code value} as JSON text. */
    public static String writeString(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("JSON: cannot serialize a " + (value == null ? "null"
                    : value.getClass().getName()) + ": " + e.getOriginalMessage(), e);
        }
    }
}
