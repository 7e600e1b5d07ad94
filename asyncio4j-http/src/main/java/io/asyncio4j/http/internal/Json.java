package io.asyncio4j.http.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.core.util.MinimalPrettyPrinter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;

import java.io.IOException;

/**
 * The module's one Jackson {@link ObjectMapper}, reading with Jackson's defaults and writing as
 * Python's {@code json.dumps} does ({@code {"a": [1, 2], "b": "\\u00e9"}}): what
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
    /** Writes as Python's {@code json.dumps} does by default, which aiohttp sends. */
    private static final ObjectWriter WRITER = MAPPER.writer(new PythonSpacing())
            .with(new PythonEscapes());

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
            return WRITER.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("JSON: cannot serialize a " + (value == null ? "null"
                    : value.getClass().getName()) + ": " + e.getOriginalMessage(), e);
        }
    }

    /** {@code value} as JSON text. */
    public static String writeString(Object value) {
        try {
            return WRITER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("JSON: cannot serialize a " + (value == null ? "null"
                    : value.getClass().getName()) + ": " + e.getOriginalMessage(), e);
        }
    }

    /**
     * {@code json.dumps}'s separators: {@code ", "} between items and {@code ": "} after a key,
     * on one line ({@code {"a": [1, 2]}}); Jackson's compact default has no spaces.
     */
    private static final class PythonSpacing extends MinimalPrettyPrinter {
        private static final long serialVersionUID = 1L;

        @Override
        public void writeObjectFieldValueSeparator(JsonGenerator g) throws IOException {
            g.writeRaw(": ");
        }

        @Override
        public void writeObjectEntrySeparator(JsonGenerator g) throws IOException {
            g.writeRaw(", ");
        }

        @Override
        public void writeArrayValueSeparator(JsonGenerator g) throws IOException {
            g.writeRaw(", ");
        }
    }

    /**
     * {@code json.dumps}'s {@code ensure_ascii}: every character above U+007F as {@code \\uXXXX}
     * in lower-case hex, one escape per UTF-16 unit (an emoji is a surrogate pair of two), so
     * the bytes and the length match what aiohttp sends.
     */
    private static final class PythonEscapes extends CharacterEscapes {
        private static final long serialVersionUID = 1L;
        private static final int[] ASCII = CharacterEscapes.standardAsciiEscapesForJSON();

        @Override
        public int[] getEscapeCodesForAscii() {
            return ASCII;
        }

        @Override
        public SerializableString getEscapeSequence(int ch) {
            if (ch < 0x80) {
                return null;
            }
            if (ch > 0xFFFF) { // a whole code point: escape both halves of its pair
                return new SerializedString(escape(Character.highSurrogate(ch)) + escape(Character.lowSurrogate(ch)));
            }
            return new SerializedString(escape((char) ch));
        }

        private static String escape(char c) {
            String hex = Integer.toHexString(c);
            return "\\u" + "0000".substring(hex.length()) + hex;
        }
    }
}
