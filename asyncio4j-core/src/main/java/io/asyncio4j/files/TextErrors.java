package io.asyncio4j.files;

/**
 * What a text file does with bytes that are not valid in its encoding (reading) and characters
 * the encoding cannot represent (writing), as Python's error handlers of the same names.
 * {@link #XMLCHARREF_REPLACE} and {@link #NAME_REPLACE} only write: reading a bad byte with them
 * raises, as in Python.
 * <p>
 * asyncio: the {@code errors} argument of {@code aiofiles.open()} (Python's {@code open()})
 */
public enum TextErrors {
    /**
     * Raise {@link java.io.CharConversionException} naming the byte offset in the file (reading)
     * or the character index in the text (writing). The default. asyncio: {@code errors='strict'}
     */
    STRICT,
    /**
     * Reading: each bad sequence becomes U+FFFD; writing: an unencodable character becomes the
     * encoding's replacement ({@code ?}). asyncio: {@code errors='replace'}
     */
    REPLACE,
    /** Drop what cannot be decoded or encoded. asyncio: {@code errors='ignore'} */
    IGNORE,
    /**
     * Reading: each undecodable byte {@code 0x80..0xFF} becomes the lone surrogate
     * {@code U+DC80..U+DCFF}; writing turns those surrogates back into their bytes, so bytes
     * survive a read and write unchanged. An undecodable byte below {@code 0x80} raises as
     * {@link #STRICT} (as in Python). asyncio: {@code errors='surrogateescape'}
     */
    SURROGATE_ESCAPE,
    /**
     * Reading: each undecodable byte becomes the four characters {@code \xNN}; writing: an
     * unencodable character becomes {@code \xNN}, <code>&#92;uNNNN</code> or <code>&#92;UNNNNNNNN</code> (lower-case
     * hex, by its code point). asyncio: {@code errors='backslashreplace'}
     */
    BACKSLASH_REPLACE,
    /**
     * Writing: an unencodable character becomes {@code &#N;} (its code point in decimal).
     * Reading a bad byte raises {@link IllegalArgumentException} (Python: {@code TypeError}).
     * asyncio: {@code errors='xmlcharrefreplace'}
     */
    XMLCHARREF_REPLACE,
    /**
     * Writing: an unencodable character becomes {@code \N{NAME}} with its Unicode name as
     * CPython 3.13's {@code unicodedata.name} gives it (Unicode 15.1), or the
     * {@link #BACKSLASH_REPLACE} form when it has none. Reading a bad byte raises
     * {@link IllegalArgumentException} (Python: {@code TypeError}). asyncio: {@code errors='namereplace'}
     */
    NAME_REPLACE;

    /** Whether reading can use this handler: Python's xmlcharrefreplace and namereplace only encode. */
    boolean decodes() {
        return this != XMLCHARREF_REPLACE && this != NAME_REPLACE;
    }

    /**
     * The value for Python's name of it ({@code "strict"}, {@code "replace"}, {@code "ignore"},
     * {@code "surrogateescape"}, {@code "backslashreplace"}, {@code "xmlcharrefreplace"},
     * {@code "namereplace"}). asyncio: {@code errors=...}
     *
     * @throws IllegalArgumentException for another name
     */
    public static TextErrors of(String python) {
        if (python == null) {
            return STRICT;
        }
        return switch (python) {
            case "strict" -> STRICT;
            case "replace" -> REPLACE;
            case "ignore" -> IGNORE;
            case "surrogateescape" -> SURROGATE_ESCAPE;
            case "backslashreplace" -> BACKSLASH_REPLACE;
            case "xmlcharrefreplace" -> XMLCHARREF_REPLACE;
            case "namereplace" -> NAME_REPLACE;
            default -> throw new IllegalArgumentException("TextErrors.of(): unsupported error handler '" + python
                    + "'; use strict, replace, ignore, surrogateescape, backslashreplace, xmlcharrefreplace or "
                    + "namereplace");
        };
    }
}
