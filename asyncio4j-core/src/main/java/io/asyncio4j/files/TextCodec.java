package io.asyncio4j.files;

import java.io.CharConversionException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * A text file's decoder and encoder with its {@link TextErrors} policy. REPLACE and IGNORE are
 * the JDK coders' own actions; the others make them REPORT, and this class raises (naming the
 * file offset) or writes the escapes itself, since a {@code CharsetDecoder} cannot produce
 * surrogate or backslash escapes. Used by one file under its op lock: not thread-safe.
 * <p>
 * asyncio: Python's codec error handlers ({@code codecs.lookup_error})
 */
final class TextCodec {
    private final Charset charset;
    private final TextErrors errors;
    private final boolean utf8;
    private final String source;
    private final CharsetDecoder decoder;
    private final CharsetEncoder encoder;
    /** The end of a backslash escape that did not fit in the last {@link #decodeStep} (see there). */
    private String spill = "";

    /** {@code source} names the file in messages. */
    TextCodec(Charset charset, TextErrors errors, String source) {
        this.charset = charset;
        this.errors = errors;
        this.utf8 = charset.equals(StandardCharsets.UTF_8);
        this.source = source;
        CodingErrorAction action = switch (errors) {
            case REPLACE -> CodingErrorAction.REPLACE;
            case IGNORE -> CodingErrorAction.IGNORE;
            case STRICT, SURROGATE_ESCAPE, BACKSLASH_REPLACE, XMLCHARREF_REPLACE, NAME_REPLACE ->
                    CodingErrorAction.REPORT;
        };
        this.decoder = charset.newDecoder().onMalformedInput(action).onUnmappableCharacter(action);
        this.encoder = charset.newEncoder().onMalformedInput(action).onUnmappableCharacter(action);
    }

    /** Starts a new incremental decoding ({@link #decodeStep}). */
    void reset() {
        decoder.reset();
        spill = "";
    }

    /**
     * The characters of a backslash escape that the last {@link #decodeStep} had no room for
     * (its byte is consumed), or {@code ""}; taking them clears them.
     */
    String takeSpill() {
        String s = spill;
        spill = "";
        return s;
    }

    /**
     * Decodes {@code b[off, off+len)} whole; {@code base} is the file offset of {@code b[0]}, for
     * the error message.
     */
    String decode(byte[] b, int off, int len, long base) throws CharConversionException {
        if (len == 0) {
            return "";
        }
        if (utf8) {
            // the JDK's fast path replaces bad bytes with U+FFFD: take the slow path only then
            String s = new String(b, off, len, StandardCharsets.UTF_8);
            if (s.indexOf('\uFFFD') < 0) {
                return s;
            }
        }
        decoder.reset();
        ByteBuffer in = ByteBuffer.wrap(b, off, len);
        CharBuffer out = CharBuffer.allocate(len + 16);
        while (decodeStep(in, out, true, base).isOverflow()) {
            out = grow(out);
        }
        while (decoder.flush(out).isOverflow()) {
            out = grow(out);
        }
        return out.flip().toString();
    }

    /**
     * One step of incremental decoding: as {@link CharsetDecoder#decode(ByteBuffer, CharBuffer,
     * boolean)}, but never returns an error: raises it (STRICT) or escapes it (SURROGATE_ESCAPE).
     * STRICT returns OVERFLOW before a bad byte when this call decoded text already, so that
     * text is returned and the next call raises.
     * {@code base} is the file offset of the array index 0 of {@code in}.
     */
    CoderResult decodeStep(ByteBuffer in, CharBuffer out, boolean endOfInput, long base)
            throws CharConversionException {
        int outStart = out.position();
        while (true) {
            CoderResult r = decoder.decode(in, out, endOfInput);
            if (!r.isError()) {
                return r;
            }
            int at = in.position();
            if (errors == TextErrors.STRICT || !errors.decodes()) {
                if (out.position() > outStart) {
                    // hand out the good text first: the error belongs to the read that reaches it
                    return CoderResult.OVERFLOW;
                }
                if (errors == TextErrors.STRICT) {
                    throw decodeError(in.get(at), base + at);
                }
                throw encodeOnly(in.get(at), base + at);
            }
            if (errors == TextErrors.BACKSLASH_REPLACE) {
                // each bad byte becomes \xNN; a read with less room takes the escape's start and
                // leaves the rest in spill, as Python's read(n) splits it
                int done = 0;
                while (done < r.length() && out.remaining() >= 4) {
                    out.put(backslashEscape(in.get(at + done) & 0xFF));
                    done++;
                }
                if (done == 0) {
                    if (out.position() > outStart || !out.hasRemaining()) {
                        return CoderResult.OVERFLOW;
                    }
                    String esc = backslashEscape(in.get(at) & 0xFF);
                    int k = out.remaining();
                    out.put(esc, 0, k);
                    spill = esc.substring(k);
                    in.position(at + 1);
                    return CoderResult.OVERFLOW;
                }
                in.position(at + done);
                continue;
            }
            // surrogateescape: each bad byte becomes U+DC80..U+DCFF, one char each; as many as fit
            int n = Math.min(r.length(), out.remaining());
            if (n == 0) {
                return CoderResult.OVERFLOW;
            }
            for (int i = 0; i < n; i++) {
                int bt = in.get(at + i) & 0xFF;
                if (bt < 0x80) {
                    throw decodeError((byte) bt, base + at + i);
                }
                out.put((char) (0xDC00 + bt));
            }
            in.position(at + n);
        }
    }

    private static String backslashEscape(int b) {
        return "\\x" + Character.forDigit(b >> 4, 16) + Character.forDigit(b & 0xF, 16);
    }

    private IllegalArgumentException encodeOnly(byte b, long offset) {
        String python = errors == TextErrors.NAME_REPLACE ? "namereplace" : "xmlcharrefreplace";
        return new IllegalArgumentException(String.format("AsyncTextFile: don't know how to handle "
                + "UnicodeDecodeError in error callback (Python's TypeError): byte 0x%02x at offset %d of %s is not "
                + "valid %s, and errors=%s (%s) only encodes; read with TextOptions.withErrors(STRICT, REPLACE, "
                + "IGNORE, SURROGATE_ESCAPE or BACKSLASH_REPLACE)", b & 0xFF, offset, source, charset.name(), errors,
                python));
    }

    private CharConversionException decodeError(byte b, long offset) {
        return new CharConversionException(String.format("AsyncTextFile: byte 0x%02x at offset %d of %s is not valid "
                + "%s (errors=STRICT); open the file with the right encoding, with TextOptions.withErrors(REPLACE, "
                + "IGNORE or SURROGATE_ESCAPE), or with openBinary() to read bytes", b & 0xFF, offset, source,
                charset.name()));
    }

    /** Encodes {@code text} with the policy. */
    byte[] encode(String text) throws CharConversionException {
        if (utf8 && !hasSurrogates(text)) {
            return text.getBytes(StandardCharsets.UTF_8);
        }
        encoder.reset();
        CharBuffer in = CharBuffer.wrap(text);
        ByteBuffer out = ByteBuffer.allocate((int) (text.length() * encoder.maxBytesPerChar()) + 16);
        while (true) {
            CoderResult r = encoder.encode(in, out, true);
            if (r.isUnderflow()) {
                break;
            }
            if (r.isOverflow()) {
                out = grow(out);
                continue;
            }
            int at = in.position();
            int endBad = at + r.length();
            if (errors == TextErrors.BACKSLASH_REPLACE || errors == TextErrors.XMLCHARREF_REPLACE
                    || errors == TextErrors.NAME_REPLACE) {
                for (int i = at; i < endBad; ) {
                    int cp = text.codePointAt(i);
                    if (Character.charCount(cp) == 2 && i + 1 >= endBad) {
                        cp = text.charAt(i); // a pair split by the range: its first half alone
                    }
                    byte[] rep = replacement(cp).getBytes(charset);
                    while (out.remaining() < rep.length) {
                        out = grow(out);
                    }
                    out.put(rep);
                    i += Character.charCount(cp);
                }
                in.position(endBad);
                continue;
            }
            for (int i = 0; i < r.length(); i++) {
                char c = text.charAt(at + i);
                if (errors != TextErrors.SURROGATE_ESCAPE || c < 0xDC80 || c > 0xDCFF) {
                    throw encodeError(text, at + i);
                }
                if (!out.hasRemaining()) {
                    out = grow(out);
                }
                out.put((byte) (c - 0xDC00));
            }
            in.position(endBad);
        }
        while (encoder.flush(out).isOverflow()) {
            out = grow(out);
        }
        out.flip();
        byte[] bytes = new byte[out.remaining()];
        out.get(bytes);
        return bytes;
    }

    /** What the handler writes for the unencodable {@code cp}: Python's replacement text. */
    private String replacement(int cp) {
        if (errors == TextErrors.XMLCHARREF_REPLACE) {
            return "&#" + cp + ";";
        }
        if (errors == TextErrors.NAME_REPLACE) {
            String name = UnicodeNames.name(cp);
            if (name != null) {
                return "\\N{" + name + "}";
            }
        }
        String hex = Integer.toHexString(cp);
        if (cp < 0x100) {
            return "\\x" + "0".repeat(2 - hex.length()) + hex;
        }
        if (cp < 0x10000) {
            return "\\u" + "0".repeat(4 - hex.length()) + hex;
        }
        return "\\U" + "0".repeat(8 - hex.length()) + hex;
    }

    private CharConversionException encodeError(String text, int index) {
        int cp = text.codePointAt(index);
        return new CharConversionException(String.format("AsyncTextFile.write(): %s cannot encode the character "
                + "U+%04X at index %d of the text (errors=%s%s); open the file with another encoding or with "
                + "TextOptions.withErrors(REPLACE or IGNORE)", charset.name(), cp, index, errors,
                Character.isSurrogate((char) cp) ? ", an unpaired surrogate" : ""));
    }

    private static boolean hasSurrogates(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (Character.isSurrogate(s.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    private static CharBuffer grow(CharBuffer b) {
        CharBuffer bigger = CharBuffer.allocate(b.capacity() * 2 + 16);
        return bigger.put(b.flip());
    }

    private static ByteBuffer grow(ByteBuffer b) {
        ByteBuffer bigger = ByteBuffer.allocate(b.capacity() * 2 + 16);
        return bigger.put(b.flip());
    }
}
