package io.asyncio4j.files;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * How {@link AsyncFiles#open(java.nio.file.Path, String, TextOptions)} reads and writes text:
 * the encoding, the line-end handling and the error handler. Immutable; start from
 * {@link #defaults()} (UTF-8, universal newlines, strict, as Python's {@code open()} on Linux
 * with a UTF-8 locale) and change what you need:
 * <pre>{@code
 * var opts = TextOptions.defaults().withNewline("").withErrors(TextErrors.REPLACE);
 * try (AsyncTextFile f = AsyncFiles.open(path, "r", opts)) { ... }
 * }</pre>
 * asyncio: the {@code encoding=}, {@code newline=} and {@code errors=} arguments of
 * {@code aiofiles.open()}
 *
 * @param encoding the charset (line ends must be the bytes 13 and 10; see {@link AsyncTextFile})
 * @param newline  null, {@code ""}, {@code "\n"}, {@code "\r"} or {@code "\r\n"}; see {@link #withNewline}
 * @param errors   the error handler
 */
public record TextOptions(Charset encoding, String newline, TextErrors errors) {

    /** Checks the values. */
    public TextOptions {
        Objects.requireNonNull(encoding, "TextOptions: the encoding is null; pass StandardCharsets.UTF_8");
        Objects.requireNonNull(errors, "TextOptions: errors is null; pass TextErrors.STRICT");
        if (newline != null && !newline.isEmpty() && !newline.equals("\n") && !newline.equals("\r")
                && !newline.equals("\r\n")) {
            throw new IllegalArgumentException("TextOptions: illegal newline value " + escape(newline)
                    + "; use null (universal newlines), \"\", \"\\n\", \"\\r\" or \"\\r\\n\"");
        }
    }

    /** UTF-8, {@code newline} null (universal newlines), {@link TextErrors#STRICT}. asyncio: {@code open(path)} defaults */
    public static TextOptions defaults() {
        return new TextOptions(StandardCharsets.UTF_8, null, TextErrors.STRICT);
    }

    /** These options in another encoding. asyncio: {@code encoding=} */
    public TextOptions withEncoding(Charset encoding) {
        return new TextOptions(encoding, newline, errors);
    }

    /**
     * These options with another line-end handling, as Python's {@code newline=}:
     * <ul>
     * <li>null: reading splits lines at {@code \n}, {@code \r} and {@code \r\n} and turns each
     * into {@code \n}; writing turns {@code \n} into {@link System#lineSeparator()};</li>
     * <li>{@code ""}: reading splits at the same three but returns them as they are; writing
     * writes {@code \n} as it is;</li>
     * <li>{@code "\n"}, {@code "\r"}, {@code "\r\n"}: reading splits only at that one and
     * returns it as it is; writing turns {@code \n} into it.</li>
     * </ul>
     * asyncio: {@code newline=}
     *
     * @throws IllegalArgumentException for any other value
     */
    public TextOptions withNewline(String newline) {
        return new TextOptions(encoding, newline, errors);
    }

    /** These options with another error handler. asyncio: {@code errors=} */
    public TextOptions withErrors(TextErrors errors) {
        return new TextOptions(encoding, newline, errors);
    }

    private static String escape(String s) {
        return "\"" + s.replace("\r", "\\r").replace("\n", "\\n") + "\"";
    }
}
