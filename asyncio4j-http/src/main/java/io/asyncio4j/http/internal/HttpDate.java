package io.asyncio4j.http.internal;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
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
     * carries, or one of the two obsolete forms RFC 9110 still has recipients read), or -1 when it
     * cannot be read (RFC 9110 section 13.1.3: such a field is ignored).
     */
    public static long parse(String value) {
        if (value == null) {
            return -1;
        }
        String v = value.trim();
        try {
            return java.time.ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toEpochSecond();
        } catch (java.time.format.DateTimeParseException e) {
            return parseObsolete(v);
        }
    }

    private static final java.util.regex.Pattern RFC850 = java.util.regex.Pattern.compile(
            "[A-Za-z]+, (\\d{2})-([A-Za-z]{3})-(\\d{2}) (\\d{2}):(\\d{2}):(\\d{2}) GMT");
    private static final java.util.regex.Pattern ASCTIME = java.util.regex.Pattern.compile(
            "[A-Za-z]{3} ([A-Za-z]{3}) +(\\d{1,2}) (\\d{2}):(\\d{2}):(\\d{2}) (\\d{4})");
    private static final List<String> MONTHS =
            List.of("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec");

    /**
     * RFC 9110 section 5.6.7's obsolete forms, which a recipient must still read, as aiohttp's
     * {@code email.utils.parsedate} does: RFC 850 ({@code Sunday, 06-Nov-94 08:49:37 GMT}; a
     * two-digit year above 68 is 19xx, else 20xx, Python's rule) and asctime
     * ({@code Sun Nov  6 08:49:37 1994}). -1 when neither fits.
     */
    private static long parseObsolete(String v) {
        try {
            java.util.regex.Matcher m = RFC850.matcher(v);
            if (m.matches()) {
                int yy = Integer.parseInt(m.group(3));
                return epoch(yy > 68 ? 1900 + yy : 2000 + yy, m.group(2), m.group(1), m.group(4), m.group(5), m.group(6));
            }
            m = ASCTIME.matcher(v);
            if (m.matches()) {
                return epoch(Integer.parseInt(m.group(6)), m.group(1), m.group(2), m.group(3), m.group(4), m.group(5));
            }
        } catch (java.time.DateTimeException e) {
            return -1; // 31 Feb and the like
        }
        return -1;
    }

    private static long epoch(int year, String month, String day, String hour, String minute, String second) {
        int mon = MONTHS.indexOf(month.toLowerCase(Locale.ROOT)) + 1;
        if (mon == 0) {
            return -1;
        }
        return java.time.LocalDateTime.of(year, mon, Integer.parseInt(day), Integer.parseInt(hour),
                Integer.parseInt(minute), Integer.parseInt(second)).toEpochSecond(ZoneOffset.UTC);
    }
}
