package io.asyncio4j.http.web;

import io.asyncio4j.http.Headers;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One line per answered request, in an Apache-style format, to a {@link System.Logger} at INFO
 * (by default {@code io.asyncio4j.http.access}). Switched on per runner with
 * {@link AppRunner#withAccessLog}; {@link Web#runApp} switches it on with {@link #DEFAULT_FORMAT},
 * as aiohttp's {@code run_app} does. The directives are aiohttp's:
 * <pre>
 *   %a  the peer's IP address            %t  when the request started, [22/Nov/2026:21:26:59 +0000]
 *   %P  the process id, as &lt;1234&gt;        %r  the request line, "GET /a?b=1 HTTP/1.1"
 *   %s  the status                       %b  bytes sent for the response, head included
 *   %T  seconds taken (rounded)          %Tf seconds taken, six decimals
 *   %D  microseconds taken               %{Name}i / %{Name}o  a request / response field, or -
 *   %{NAME}e  an environment variable    %%  a percent sign
 * </pre>
 * An unknown directive is refused when the logger is made (aiohttp prints it as it is). A line is
 * formatted only when the logger takes INFO; one that fails to format is reported on the same
 * logger at ERROR and the request goes on.
 * <p>
 * Threading: immutable once made; {@link #log} runs in the task handling the request.
 * <p>
 * asyncio: aiohttp's {@code web_log.AccessLogger} ({@code AppRunner(app, access_log_format=...,
 * access_log=logger)})
 */
public final class AccessLogger {
    /** aiohttp's default format. asyncio: {@code AccessLogger.LOG_FORMAT} */
    public static final String DEFAULT_FORMAT = "%a %t \"%r\" %s %b \"%{Referer}i\" \"%{User-Agent}i\"";
    /** The logger lines go to unless another is given. asyncio: {@code aiohttp.log.access_logger} */
    public static final String DEFAULT_LOGGER_NAME = "io.asyncio4j.http.access";

    private static final DateTimeFormatter CLF_TIME =
            DateTimeFormatter.ofPattern("'['dd/MMM/yyyy:HH:mm:ss '+0000]'", Locale.ENGLISH).withZone(ZoneOffset.UTC);

    /** One piece of a line: a literal or a directive. */
    private interface Part {
        void append(StringBuilder b, Exchange e);
    }

    /**
     * What one line is made of: the request's line and fields (null when it could not be parsed),
     * the peer, the answer, and the time taken.
     */
    record Exchange(String method, String target, String version, Headers requestHeaders, String remote,
                    int status, long bytesSent, Headers responseHeaders, double seconds, long endEpochMillis) {
    }

    private final String format;
    private final Part[] parts;
    private final System.Logger logger;

    /** {@link #DEFAULT_FORMAT} to {@link #DEFAULT_LOGGER_NAME}. asyncio: {@code AccessLogger(access_logger)} */
    public AccessLogger() {
        this(DEFAULT_FORMAT);
    }

    /**
     * {@code format} to {@link #DEFAULT_LOGGER_NAME}. asyncio: {@code AccessLogger(access_logger, fmt)}
     *
     * @throws IllegalArgumentException for a null format or an unknown directive
     */
    public AccessLogger(String format) {
        this(format, System.getLogger(DEFAULT_LOGGER_NAME));
    }

    /**
     * {@code format} to {@code logger}. asyncio: {@code AccessLogger(logger, fmt)}
     *
     * @throws IllegalArgumentException for a null format or logger, or an unknown directive
     */
    public AccessLogger(String format, System.Logger logger) {
        if (format == null || logger == null) {
            throw new IllegalArgumentException("AccessLogger(): the " + (format == null ? "format" : "logger")
                    + " is null; give one (AccessLogger.DEFAULT_FORMAT is aiohttp's)");
        }
        this.format = format;
        this.parts = compile(format);
        this.logger = logger;
    }

    /** The format. asyncio: {@code access_log_format} */
    public String format() {
        return format;
    }

    /** The logger written to. asyncio: {@code access_logger.logger} */
    public System.Logger logger() {
        return logger;
    }

    /** Writes the line for {@code e}, if the logger takes INFO. */
    void log(Exchange e) {
        if (!logger.isLoggable(System.Logger.Level.INFO)) {
            return;
        }
        String line;
        try {
            line = line(e);
        } catch (RuntimeException x) {
            logger.log(System.Logger.Level.ERROR, "Error in logging", x);
            return;
        }
        logger.log(System.Logger.Level.INFO, line);
    }

    /** The line for {@code e} (no I/O). */
    String line(Exchange e) {
        StringBuilder b = new StringBuilder(128);
        for (Part p : parts) {
            p.append(b, e);
        }
        return b.toString();
    }

    private static Part[] compile(String format) {
        List<Part> out = new ArrayList<>();
        StringBuilder literal = new StringBuilder();
        int i = 0;
        int n = format.length();
        while (i < n) {
            char c = format.charAt(i);
            if (c != '%') {
                literal.append(c);
                i++;
                continue;
            }
            if (i + 1 >= n) {
                throw unknown(format, "%");
            }
            char d = format.charAt(i + 1);
            if (d == '%') {
                literal.append('%');
                i += 2;
                continue;
            }
            Part part;
            int next = i + 2;
            if (d == '{') {
                int close = format.indexOf('}', i + 2);
                if (close < 0 || close + 1 >= n || close == i + 2) {
                    throw unknown(format, format.substring(i, Math.min(n, close < 0 ? n : close + 2)));
                }
                String name = format.substring(i + 2, close);
                for (int k = 0; k < name.length(); k++) {
                    char x = name.charAt(k);
                    if (!(Character.isLetterOrDigit(x) && x < 128) && x != '-' && x != '_') {
                        throw unknown(format, format.substring(i, close + 2));
                    }
                }
                char kind = format.charAt(close + 1);
                part = switch (kind) {
                    case 'i' -> (b, e) -> b.append(orDash(e.requestHeaders() == null ? null : e.requestHeaders().get(name)));
                    case 'o' -> (b, e) -> b.append(orDash(e.responseHeaders() == null ? null : e.responseHeaders().get(name)));
                    case 'e' -> (b, e) -> b.append(orDash(System.getenv(name)));
                    default -> throw unknown(format, format.substring(i, close + 2));
                };
                next = close + 2;
            } else if (d == 'T' && i + 2 < n && format.charAt(i + 2) == 'f') {
                part = (b, e) -> b.append(String.format(Locale.ROOT, "%06f", e.seconds()));
                next = i + 3;
            } else {
                part = switch (d) {
                    case 'a' -> (b, e) -> b.append(orDash(e.remote()));
                    case 't' -> (b, e) -> b.append(CLF_TIME.format(
                            Instant.ofEpochMilli(e.endEpochMillis() - Math.round(e.seconds() * 1000))));
                    case 'P' -> (b, e) -> b.append('<').append(ProcessHandle.current().pid()).append('>');
                    case 'r' -> (b, e) -> {
                        if (e.method() == null) {
                            b.append('-');
                        } else {
                            b.append(e.method()).append(' ').append(e.target()).append(' ').append(e.version());
                        }
                    };
                    case 's' -> (b, e) -> b.append(e.status());
                    case 'b' -> (b, e) -> b.append(e.bytesSent());
                    case 'T' -> (b, e) -> b.append(Math.round(e.seconds()));
                    case 'D' -> (b, e) -> b.append(Math.round(e.seconds() * 1_000_000));
                    default -> throw unknown(format, "%" + d);
                };
            }
            if (!literal.isEmpty()) {
                String text = literal.toString();
                out.add((b, e) -> b.append(text));
                literal.setLength(0);
            }
            out.add(part);
            i = next;
        }
        if (!literal.isEmpty()) {
            String text = literal.toString();
            out.add((b, e) -> b.append(text));
        }
        return out.toArray(new Part[0]);
    }

    private static String orDash(String s) {
        return s == null ? "-" : s;
    }

    private static IllegalArgumentException unknown(String format, String directive) {
        return new IllegalArgumentException("AccessLogger(): unknown directive " + directive + " in \"" + format
                + "\"; use %a %t %P %r %s %b %T %Tf %D %{Name}i %{Name}o %{NAME}e, or %% for a percent sign");
    }

    /** {@code <AccessLogger "%a %t ..." to io.asyncio4j.http.access>}. asyncio: none */
    @Override
    public String toString() {
        return "<AccessLogger \"" + format + "\" to " + logger.getName() + ">";
    }
}
