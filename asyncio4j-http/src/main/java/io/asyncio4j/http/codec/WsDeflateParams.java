package io.asyncio4j.http.codec;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The parameters of the WebSocket compression extension permessage-deflate (RFC 7692 §7.1), and
 * its negotiation in the opening handshake's {@code Sec-WebSocket-Extensions} fields, without I/O:
 * a client {@link #offer}s it, a server {@link #accept}s the first offer it can honour (or none),
 * and the client checks the answer ({@link #fromResponse}). One value is one extension element,
 * as offered or answered; the agreed one says how each side compresses.
 * <p>
 * The JDK's {@code java.util.zip.Deflater} always compresses with a 15-bit (32 KiB) LZ77 window,
 * while {@code Inflater} reads any window up to 15 bits. So this side never lets the peer limit
 * its own compressor's window: a server declines an offer with {@code server_max_window_bits}
 * below 15 (the next offer, or none, is taken), and a client never offers
 * {@code client_max_window_bits} (so a server must not limit it; one that answers with a limit
 * below 15 fails the handshake). Limits on the peer's window cost nothing here and are accepted.
 * <p>
 * Threading: immutable; any thread.
 * <p>
 * asyncio: aiohttp's {@code ws_ext_parse} / {@code ws_ext_gen} ({@code aiohttp/http_websocket.py}),
 * stricter as RFC 7692 §5 and §7 ask: an offer with an unknown or repeated parameter, or a bad
 * value, is declined rather than half read, and a client fails on any answer it did not offer
 *
 * @param serverNoContextTakeover the server starts each message with an empty LZ77 window
 * @param clientNoContextTakeover the client starts each message with an empty LZ77 window
 * @param serverMaxWindowBits     the largest window the server compresses with, 8 to 15, or
 *                                {@link #ABSENT} (not said: 15)
 * @param clientMaxWindowBits     the largest window the client compresses with, 8 to 15,
 *                                {@link #ABSENT} (not said: 15), or, in an offer only,
 *                                {@link #NO_VALUE} (the client takes a limit from the answer)
 */
public record WsDeflateParams(boolean serverNoContextTakeover, boolean clientNoContextTakeover,
                              int serverMaxWindowBits, int clientMaxWindowBits) {
    /** The extension's name in {@code Sec-WebSocket-Extensions}. asyncio: none (inline in aiohttp's regexes) */
    public static final String NAME = "permessage-deflate";
    /** A window-bits parameter that is not there. asyncio: none */
    public static final int ABSENT = 0;
    /** {@code client_max_window_bits} offered without a value. asyncio: none */
    public static final int NO_VALUE = -1;
    /** The window this side compresses with: the JDK's {@code Deflater} knows no other. asyncio: {@code zlib.MAX_WBITS} */
    public static final int JDK_WINDOW_BITS = 15;

    private static final String SERVER_NO_CONTEXT_TAKEOVER = "server_no_context_takeover";
    private static final String CLIENT_NO_CONTEXT_TAKEOVER = "client_no_context_takeover";
    private static final String SERVER_MAX_WINDOW_BITS = "server_max_window_bits";
    private static final String CLIENT_MAX_WINDOW_BITS = "client_max_window_bits";

    /** Checks the window values. asyncio: none */
    public WsDeflateParams {
        if (!(serverMaxWindowBits == ABSENT || windowBits(serverMaxWindowBits))) {
            throw new IllegalArgumentException("WsDeflateParams: serverMaxWindowBits is " + serverMaxWindowBits
                    + "; give 8 to 15, or ABSENT");
        }
        if (!(clientMaxWindowBits == ABSENT || clientMaxWindowBits == NO_VALUE || windowBits(clientMaxWindowBits))) {
            throw new IllegalArgumentException("WsDeflateParams: clientMaxWindowBits is " + clientMaxWindowBits
                    + "; give 8 to 15, ABSENT or NO_VALUE");
        }
    }

    private static boolean windowBits(int bits) {
        return bits >= 8 && bits <= 15;
    }

    /**
     * Whether the side that compresses as {@code server} (true: the server's messages) starts each
     * message afresh. asyncio: aiohttp's {@code notakeover}
     */
    public boolean noContextTakeover(boolean server) {
        return server ? serverNoContextTakeover : clientNoContextTakeover;
    }

    /**
     * The element as it is written in {@code Sec-WebSocket-Extensions}:
     * {@code permessage-deflate; server_no_context_takeover; server_max_window_bits=10}.
     * asyncio: {@code ws_ext_gen(...)}
     */
    public String headerValue() {
        StringBuilder sb = new StringBuilder(NAME);
        if (serverNoContextTakeover) {
            sb.append("; ").append(SERVER_NO_CONTEXT_TAKEOVER);
        }
        if (clientNoContextTakeover) {
            sb.append("; ").append(CLIENT_NO_CONTEXT_TAKEOVER);
        }
        if (serverMaxWindowBits != ABSENT) {
            sb.append("; ").append(SERVER_MAX_WINDOW_BITS).append('=').append(serverMaxWindowBits);
        }
        if (clientMaxWindowBits == NO_VALUE) {
            sb.append("; ").append(CLIENT_MAX_WINDOW_BITS);
        } else if (clientMaxWindowBits != ABSENT) {
            sb.append("; ").append(CLIENT_MAX_WINDOW_BITS).append('=').append(clientMaxWindowBits);
        }
        return sb.toString();
    }

    // ---- the client's side ------------------------------------------------------------------------

    /**
     * A client's offer for {@code compress} window bits (9 to 15, as aiohttp's {@code compress=}):
     * {@code permessage-deflate}, with {@code server_max_window_bits=N} below 15, asking the server
     * for a smaller window. Never {@code client_max_window_bits} (see the class comment); aiohttp
     * offers it without a value and then compresses with {@code compress} bits itself.
     * asyncio: {@code ws_ext_gen(compress=N)}
     *
     * @throws IllegalArgumentException for other bits
     */
    public static String offer(int compress) {
        if (compress < 9 || compress > 15) {
            throw new IllegalArgumentException("WsDeflateParams.offer(): compress is " + compress
                    + "; give window bits from 9 to 15 (zlib cannot compress with 8)");
        }
        return compress == 15 ? NAME : NAME + "; " + SERVER_MAX_WINDOW_BITS + "=" + compress;
    }

    /**
     * What the server answered to a client that offered {@link #offer offer(offeredCompress)}
     * ({@code offeredCompress} 0: it offered nothing), from the response's
     * {@code Sec-WebSocket-Extensions} field values: the agreed parameters, or null when the
     * server declined (no field). A missing {@code server_max_window_bits} where one was offered
     * is taken as the server's 15-bit window, which this side reads (RFC 7692 §7.1.2.1 wants it
     * echoed). asyncio: {@code ws_ext_parse(extstr)}
     *
     * @throws IllegalArgumentException with the problem, for an answer on which the client must
     *         fail the connection (RFC 6455 §9.1, RFC 7692 §5): an extension not offered, more
     *         than one element, an unknown or repeated parameter, a bad value, a
     *         {@code server_max_window_bits} above the offer, a {@code client_max_window_bits}
     *         below 15 (not offered, and the JDK's Deflater cannot honour it)
     */
    public static WsDeflateParams fromResponse(List<String> fieldValues, int offeredCompress) {
        List<Element> elements = parse(fieldValues);
        if (elements.isEmpty()) {
            return null;
        }
        String answered = String.join(", ", fieldValues).strip();
        if (offeredCompress == 0) {
            throw new IllegalArgumentException("the server answered Sec-WebSocket-Extensions: " + answered
                    + ", but the client offered no extension (RFC 6455 section 9.1)");
        }
        if (elements.size() > 1) {
            throw new IllegalArgumentException("the server answered Sec-WebSocket-Extensions: " + answered
                    + ", more than the one permessage-deflate the client offered");
        }
        Element e = elements.getFirst();
        if (!e.name.equalsIgnoreCase(NAME)) {
            throw new IllegalArgumentException("the server answered with the extension \"" + e.name
                    + "\", which the client did not offer (it offered " + NAME + ")");
        }
        if (e.syntaxError != null) {
            throw new IllegalArgumentException("the server's Sec-WebSocket-Extensions: " + answered
                    + " is malformed: " + e.syntaxError);
        }
        boolean serverNoTakeover = false;
        boolean clientNoTakeover = false;
        int serverBits = ABSENT;
        int clientBits = ABSENT;
        Set<String> seen = new HashSet<>();
        for (Param p : e.params) {
            String name = p.name.toLowerCase(Locale.ROOT);
            String where = NAME + " answer: " + answered;
            if (!seen.add(name)) {
                throw new IllegalArgumentException("the parameter " + name + " appears twice in the " + where);
            }
            switch (name) {
                case SERVER_NO_CONTEXT_TAKEOVER, CLIENT_NO_CONTEXT_TAKEOVER -> {
                    if (p.value != null) {
                        throw new IllegalArgumentException("the parameter " + name + " takes no value, in the " + where);
                    }
                    if (name.equals(SERVER_NO_CONTEXT_TAKEOVER)) {
                        serverNoTakeover = true;
                    } else {
                        clientNoTakeover = true;
                    }
                }
                case SERVER_MAX_WINDOW_BITS -> {
                    serverBits = windowValue(p.value);
                    if (serverBits == ABSENT) {
                        throw new IllegalArgumentException("permessage-deflate window size: " + name + " needs a value from 8 to 15,"
                                + " in the " + where);
                    }
                    if (serverBits > offeredCompress) {
                        throw new IllegalArgumentException("permessage-deflate window size: " + name + "=" + serverBits
                                + " is larger than the " + offeredCompress + " the client offered, in the " + where);
                    }
                }
                case CLIENT_MAX_WINDOW_BITS -> {
                    clientBits = windowValue(p.value);
                    if (clientBits == ABSENT) {
                        throw new IllegalArgumentException("permessage-deflate window size: " + name + " needs a value from 8 to 15,"
                                + " in the " + where);
                    }
                    if (clientBits < JDK_WINDOW_BITS) {
                        throw new IllegalArgumentException("the server limits the client's window to " + clientBits
                                + " bits (" + name + "=" + clientBits + "), which the client did not offer: the JDK's "
                                + "Deflater compresses with 15-bit windows only; in the " + where);
                    }
                }
                default -> throw new IllegalArgumentException("the parameter " + p.name + " is not one of "
                        + NAME + "'s (RFC 7692 section 7.1), in the " + where);
            }
        }
        return new WsDeflateParams(serverNoTakeover, clientNoTakeover, serverBits, clientBits);
    }

    // ---- the server's side ------------------------------------------------------------------------

    /**
     * The server's answer to a client's {@code Sec-WebSocket-Extensions} field values: the
     * first permessage-deflate offer it can accept, as agreed (its {@link #headerValue()} is the
     * answer's field), or null to answer without the extension. An offer is declined (RFC 7692
     * §7) for a parameter that is unknown, repeated or has a bad value, and — this side's own
     * limit — for {@code server_max_window_bits} below 15. The answer repeats the offer's
     * {@code server_no_context_takeover}, {@code client_no_context_takeover} and
     * {@code server_max_window_bits=15}; it never limits the client's window (the Inflater reads
     * any). Other extensions are ignored. asyncio: {@code ws_ext_parse(extstr, isserver=True)}
     * then {@code ws_ext_gen(compress, isserver=True, server_notakeover)}
     */
    public static WsDeflateParams accept(List<String> fieldValues) {
        for (Element e : parse(fieldValues)) {
            if (!e.name.equalsIgnoreCase(NAME) || e.syntaxError != null) {
                continue;
            }
            WsDeflateParams offer = offerParams(e);
            if (offer == null) {
                continue;
            }
            if (offer.serverMaxWindowBits != ABSENT && offer.serverMaxWindowBits < JDK_WINDOW_BITS) {
                continue; // our Deflater cannot keep to a smaller window
            }
            return new WsDeflateParams(offer.serverNoContextTakeover, offer.clientNoContextTakeover,
                    offer.serverMaxWindowBits, ABSENT);
        }
        return null;
    }

    /** One offer's parameters, or null for an offer to decline (RFC 7692 §7). */
    private static WsDeflateParams offerParams(Element e) {
        boolean serverNoTakeover = false;
        boolean clientNoTakeover = false;
        int serverBits = ABSENT;
        int clientBits = ABSENT;
        Set<String> seen = new HashSet<>();
        for (Param p : e.params) {
            String name = p.name.toLowerCase(Locale.ROOT);
            if (!seen.add(name)) {
                return null;
            }
            switch (name) {
                case SERVER_NO_CONTEXT_TAKEOVER -> {
                    if (p.value != null) {
                        return null;
                    }
                    serverNoTakeover = true;
                }
                case CLIENT_NO_CONTEXT_TAKEOVER -> {
                    if (p.value != null) {
                        return null;
                    }
                    clientNoTakeover = true;
                }
                case SERVER_MAX_WINDOW_BITS -> {
                    serverBits = windowValue(p.value);
                    if (serverBits == ABSENT) {
                        return null;
                    }
                }
                case CLIENT_MAX_WINDOW_BITS -> {
                    clientBits = p.value == null ? NO_VALUE : windowValue(p.value);
                    if (clientBits == ABSENT) {
                        return null;
                    }
                }
                default -> {
                    return null;
                }
            }
        }
        return new WsDeflateParams(serverNoTakeover, clientNoTakeover, serverBits, clientBits);
    }

    /** A window-bits value, 8 to 15 in decimal without leading zeroes (RFC 7692 §7.1.2), or ABSENT if it is not one. */
    private static int windowValue(String v) {
        if (v == null) {
            return ABSENT;
        }
        return switch (v) {
            case "8", "9", "10", "11", "12", "13", "14", "15" -> Integer.parseInt(v);
            default -> ABSENT;
        };
    }

    // ---- Sec-WebSocket-Extensions (RFC 6455 §9.1) -------------------------------------------------

    /** A parameter; {@code value} null when it has none (quoted strings unquoted). */
    private record Param(String name, String value) {
    }

    /** An extension element; {@code syntaxError} says what is wrong with it, or is null. */
    private record Element(String name, List<Param> params, String syntaxError) {
    }

    /**
     * The elements of the fields' values joined as one list: {@code extension *(";" param)},
     * {@code param = token ["=" (token / quoted-string)]}, empty list items skipped. A malformed
     * element is kept with its error and the reading goes on after the next comma outside quotes.
     */
    private static List<Element> parse(List<String> fieldValues) {
        String s = String.join(",", fieldValues);
        List<Element> out = new ArrayList<>(1);
        int[] pos = {0};
        int n = s.length();
        while (true) {
            skipSpacesAndCommas(s, pos);
            if (pos[0] >= n) {
                return out;
            }
            String name = token(s, pos);
            List<Param> params = new ArrayList<>(4);
            String error = name.isEmpty() ? "an extension name is expected at \"" + s.substring(pos[0]) + "\"" : null;
            while (error == null) {
                skipSpaces(s, pos);
                if (pos[0] >= n || s.charAt(pos[0]) == ',') {
                    break;
                }
                if (s.charAt(pos[0]) != ';') {
                    error = "\";\" or \",\" is expected at \"" + s.substring(pos[0]) + "\"";
                    break;
                }
                pos[0]++;
                skipSpaces(s, pos);
                String pname = token(s, pos);
                if (pname.isEmpty()) {
                    error = "a parameter name is expected at \"" + s.substring(pos[0]) + "\"";
                    break;
                }
                skipSpaces(s, pos);
                String value = null;
                if (pos[0] < n && s.charAt(pos[0]) == '=') {
                    pos[0]++;
                    skipSpaces(s, pos);
                    if (pos[0] < n && s.charAt(pos[0]) == '"') {
                        value = quoted(s, pos);
                        if (value == null) {
                            error = "an unterminated quoted string";
                            break;
                        }
                    } else {
                        value = token(s, pos);
                        if (value.isEmpty()) {
                            error = "a value is expected after " + pname + "=";
                            break;
                        }
                    }
                }
                params.add(new Param(pname, value));
            }
            if (error != null) {
                skipToNextElement(s, pos);
            }
            out.add(new Element(name, params, error));
        }
    }

    private static boolean isTchar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
    }

    private static String token(String s, int[] pos) {
        int start = pos[0];
        while (pos[0] < s.length() && isTchar(s.charAt(pos[0]))) {
            pos[0]++;
        }
        return s.substring(start, pos[0]);
    }

    /** A quoted string at {@code pos} (on its opening quote), unescaped; null if it does not end. */
    private static String quoted(String s, int[] pos) {
        StringBuilder sb = new StringBuilder();
        int i = pos[0] + 1;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == '"') {
                pos[0] = i + 1;
                return sb.toString();
            }
            if (c == '\\' && i + 1 < s.length()) {
                i++;
                c = s.charAt(i);
            }
            sb.append(c);
            i++;
        }
        pos[0] = s.length();
        return null;
    }

    private static void skipSpaces(String s, int[] pos) {
        while (pos[0] < s.length() && (s.charAt(pos[0]) == ' ' || s.charAt(pos[0]) == '\t')) {
            pos[0]++;
        }
    }

    private static void skipSpacesAndCommas(String s, int[] pos) {
        while (pos[0] < s.length() && (s.charAt(pos[0]) == ' ' || s.charAt(pos[0]) == '\t' || s.charAt(pos[0]) == ',')) {
            pos[0]++;
        }
    }

    private static void skipToNextElement(String s, int[] pos) {
        boolean inQuotes = false;
        while (pos[0] < s.length()) {
            char c = s.charAt(pos[0]);
            if (c == '"') {
                inQuotes = !inQuotes;
            } else if (c == '\\' && inQuotes) {
                pos[0]++;
            } else if (c == ',' && !inQuotes) {
                return;
            }
            pos[0]++;
        }
    }
}
