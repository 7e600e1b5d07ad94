package io.asyncio4j.http.internal;

import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Set-Cookie {@code Expires} date, read as RFC 6265 section 5.1.1 says (the algorithm browsers
 * use): the value is cut into tokens at delimiters, and the first token that looks like a time,
 * a day of month, a month name and a year fills each, in whatever order and format they come
 * ({@code Wed, 09 Jun 2021 10:18:14 GMT}, {@code Wednesday, 09-Jun-21 10:18:14 GMT},
 * {@code Wed Jun  9 10:18:14 2021}). A two-digit year is 1970-2069.
 * <p>
 * Threading: stateless; any thread.
 * <p>
 * asyncio: {@code aiohttp.CookieJar._parse_date}
 */
public final class CookieDate {
    private static final Pattern TOKENS = Pattern.compile(
            "[\\x09\\x20-\\x2F\\x3B-\\x40\\x5B-\\x60\\x7B-\\x7E]*([\\x00-\\x08\\x0A-\\x1F\\d:a-zA-Z\\x7F-\\xFF]+)");
    private static final Pattern TIME = Pattern.compile("(\\d{1,2}):(\\d{1,2}):(\\d{1,2})");
    private static final Pattern DAY = Pattern.compile("\\d{1,2}");
    private static final Pattern MONTH = Pattern.compile("jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern YEAR = Pattern.compile("\\d{2,4}");
    private static final String MONTHS = "janfebmaraprmayjunjulaugsepoctnovdec";

    private CookieDate() {
    }

    /**
     * The epoch second {@code value} names, or null when it is not a date (a missing part, a
     * day, hour, minute or second out of range, a year before 1601, a date such as 30 February;
     * RFC 6265: the attribute is then ignored). asyncio: {@code CookieJar._parse_date}
     */
    public static Long parse(String value) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        int hour = -1, minute = 0, second = 0, day = -1, month = -1, year = -1;
        Matcher tokens = TOKENS.matcher(value);
        while (tokens.find()) {
            String token = tokens.group(1);
            Matcher m;
            // each matches a prefix of the token, as Python's re.match does
            if (hour < 0 && (m = TIME.matcher(token)).lookingAt()) {
                hour = Integer.parseInt(m.group(1));
                minute = Integer.parseInt(m.group(2));
                second = Integer.parseInt(m.group(3));
            } else if (day < 0 && (m = DAY.matcher(token)).lookingAt()) {
                day = Integer.parseInt(m.group());
            } else if (month < 0 && (m = MONTH.matcher(token)).lookingAt()) {
                month = MONTHS.indexOf(m.group().toLowerCase(java.util.Locale.ROOT)) / 3 + 1;
            } else if (year < 0 && (m = YEAR.matcher(token)).lookingAt()) {
                year = Integer.parseInt(m.group());
            }
        }
        if (year >= 70 && year <= 99) {
            year += 1900;
        } else if (year >= 0 && year <= 69) {
            year += 2000;
        }
        if (hour < 0 || day < 0 || month < 0 || year < 0) {
            return null;
        }
        if (day < 1 || day > 31 || year < 1601 || hour > 23 || minute > 59 || second > 59) {
            return null;
        }
        try {
            return LocalDateTime.of(year, month, day, hour, minute, second).toEpochSecond(ZoneOffset.UTC);
        } catch (DateTimeException e) {
            return null; // 30 February (aiohttp's datetime() raises ValueError out of update_cookies here)
        }
    }
}
