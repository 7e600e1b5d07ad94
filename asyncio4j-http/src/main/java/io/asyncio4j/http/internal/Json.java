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
 * class so that only code that uses JSON touches Jackson's classes. Each method also takes a
 * user's mapper (null: this default one), for the methods that accept one where aiohttp takes
 * {@code loads=}/{@code dumps=}/{@code json_serialize=}.
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
        return parse(bytes, (ObjectMapper) null);
    }

    /** {@link #parse(byte[])} read with {@code mapper} (null: the default one). */
    public static JsonNode parse(byte[] bytes, ObjectMapper mapper) throws IOException {
        return reader(mapper).readTree(bytes);
    }

    /** A message body as a tree: null when it is empty (aiohttp's {@code json()} gives None for one). */
    public static JsonNode parseBody(byte[] body) throws JsonProcessingException {
        return parseBody(body, null);
    }

    /** {@link #parseBody(byte[])} read with {@code mapper} (null: the default one). */
    public static JsonNode parseBody(byte[] body, ObjectMapper mapper) throws JsonProcessingException {
        try {
            return body.length == 0 ? null : reader(mapper).readTree(body);
        } catch (JsonProcessingException e) {
            throw e;
        } catch (IOException e) {
            throw new IllegalStateException("JSON: reading a byte array failed", e); // no I/O happens
        }
    }

    /** {@code text} as a tree. */
    public static JsonNode parse(String text) throws IOException {
        return parse(text, null);
    }

    /** {@code text} as a tree, read with {@code mapper} (null: the default one). */
    public static JsonNode parse(String text, ObjectMapper mapper) throws IOException {
        return reader(mapper).readTree(text);
    }

    /** {@code bytes} bound to {@code type} (a record, a bean, a {@code Map}...). */
    public static <T> T parse(byte[] bytes, Class<T> type) throws IOException {
        return parse(bytes, type, null);
    }

    /** {@code bytes} bound to {@code type}, read with {@code mapper} (null: the default one). */
    public static <T> T parse(byte[] bytes, Class<T> type, ObjectMapper mapper) throws IOException {
        return reader(mapper).readValue(bytes, type);
    }

    /**
     * {@code value} as JSON text in UTF-8 bytes: a {@link JsonNode}, a {@code Map}, a {@code List},
     * a record or bean, a string, a number...
     *
     * @throws IllegalArgumentException if Jackson cannot serialize it (the message says why)
     */
    public static byte[] write(Object value) {
        return write(value, null);
    }

    /**
     * {@link #write(Object)} with {@code mapper} (null: the default one, Python's format), as the
     * user's mapper formats it: aiohttp sends whatever the {@code dumps=} it was given returns.
     *
     * @throws IllegalArgumentException if the mapper cannot serialize it
     */
    public static byte[] write(Object value, ObjectMapper mapper) {
        try {
            return mapper == null ? WRITER.writeValueAsBytes(value) : mapper.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw unserializable(value, mapper, e);
        }
    }

    /** {@code value} as JSON text. */
    public static String writeString(Object value) {
        return writeString(value, null);
    }

    /** {@code value} as JSON text, written with {@code mapper} (null: the default one). */
    public static String writeString(Object value, ObjectMapper mapper) {
        try {
            return mapper == null ? WRITER.writeValueAsString(value) : mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw unserializable(value, mapper, e);
        }
    }

    /**
     * {@code mapper}, after checking the caller gave one: a user's mapper is optional only as the
     * internal null; the public methods that take one refuse null so that a forgotten field does
     * not silently fall back to the default format.
     *
     * @throws NullPointerException naming {@code where} and the way out
     */
    public static ObjectMapper checkMapper(ObjectMapper mapper, String where) {
        if (mapper == null) {
            throw new NullPointerException(where + ": the ObjectMapper is null; give one, or call the method "
                    + "without it for the default (Python's json format)");
        }
        return mapper;
    }

    private static ObjectMapper reader(ObjectMapper mapper) {
        return mapper == null ? MAPPER : mapper;
    }

    private static IllegalArgumentException unserializable(Object value, ObjectMapper mapper,
                                                           JsonProcessingException e) {
        return new IllegalArgumentException("JSON: " + (mapper == null ? "" : "the given ObjectMapper ")
                + "cannot serialize a " + (value == null ? "null" : value.getClass().getName()) + ": "
                + e.getOriginalMessage() + (mapper == null ? "; register a serializer for it on an ObjectMapper of "
                + "your own and pass that mapper" : ""), e);
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
