package io.asyncio4j.http.internal;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * The {@code Date} field's value (IMF-fixdate, RFC 9110 §5.6.7), formatted at most once a second:
 * a server answering many requests a second would otherwise format the same string each time.
 * <p>
 * Threading: any thread; the cache is one immutable pair swapped in whole (a racing reader sees
 * an old pair or a new one, both correct for their second).
 * <p>
 * asyncio: aiohttp's {@code RequestHandler}'s cached {@code _date}
 */
public final class HttpDate {
    private static final DateTimeFormatter FORMAT =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US).withZone(ZoneOffset.UTC);

    private record Cached(long second, String text) {
    }

    private static volatile Cached cached = new Cached(-1, "");

    private HttpDate() {
    }

    /**
     * Now, as a Date field value: {@code Sun, 06 Nov 1994 08:49:37 GMT}.
     * asyncio: aiohttp's {@code RequestHandler}'s {@code _date}
     */
    public static String now() {
        long second = System.currentTimeMillis() / 1000;
        Cached c = cached;
        if (c.second != second) {
            c = new Cached(second, FORMAT.format(Instant.ofEpochSecond(second)));
            cached = c;
        }
        return c.text;
    }

    /** {@code epochSecond} as a Date field value. asyncio: {@code email.utils.formatdate(t, usegmt=True)} */
    public static String format(long epochSecond) {
        return FORMAT.format(Instant.ofEpochSecond(epochSecond));
    }

    /**
     * The epoch second of a Date-style field value (IMF-fixdate, as {@code If-Modified-Since}
     * carries), or -1 when it cannot be read (RFC 9110 section 13.1.3: such a field is ignored).
     */
    public static long parse(String value) {
        if (value == null) {
            return -1;
        }
        try {
            return java.time.ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toEpochSecond();
        } catch (java.time.format.DateTimeParseException e) {
            return -1;
        }
    }
}
