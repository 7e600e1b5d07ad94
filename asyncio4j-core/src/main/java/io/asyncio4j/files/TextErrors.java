package io.asyncio4j.files;

/**
 * What a text file does with bytes that are not valid in its encoding (reading) and characters
 * the encoding cannot represent (writing). Python's {@code backslashreplace},
 * {@code xmlcharrefreplace} and {@code namereplace} are not supported.
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
    SURROGATE_ESCAPE;

    /**
     * The value for Python's name of it ({@code "strict"}, {@code "replace"}, {@code "ignore"},
     * {@code "surrogateescape"}). asyncio: {@code errors=...}
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
            default -> throw new IllegalArgumentException("TextErrors.of(): unsupported error handler '" + python
                    + "'; use strict, replace, ignore or surrogateescape");
        };
    }
}
