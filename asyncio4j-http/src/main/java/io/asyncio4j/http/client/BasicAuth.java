package io.asyncio4j.http.client;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * HTTP Basic credentials (RFC 7617): a login and a password, sent as
 * {@code Authorization: Basic base64(login:password)} by a session made with
 * {@link ClientSessionOptions#withAuth}. The pair is encoded with {@code encoding} (aiohttp's
 * default, ISO-8859-1; UTF-8 for servers that say {@code charset="UTF-8"}). A server reads a
 * request's field back with {@link #decode(String)}.
 * <p>
 * Threading: immutable; any thread.
 * <p>
 * asyncio: {@code aiohttp.BasicAuth(login, password="", encoding="latin1")}
 *
 * @param login    the user name; may not contain {@code :} (RFC 7617 §2)
 * @param password the password (may be empty)
 * @param encoding how the pair becomes bytes before base64
 */
public record BasicAuth(String login, String password, Charset encoding) {
    /** Checks the parts. asyncio: {@code BasicAuth.__new__}'s checks */
    public BasicAuth {
        if (login == null) {
            throw new IllegalArgumentException("BasicAuth(): the login is null; give a user name");
        }
        if (login.indexOf(':') >= 0) {
            throw new IllegalArgumentException("BasicAuth(): a \":\" is not allowed in the login (RFC 7617 section 2); "
                    + "the server could not tell where the login ends");
        }
        if (password == null) {
            throw new IllegalArgumentException("BasicAuth(): the password is null; give \"\" for none");
        }
        if (encoding == null) {
            throw new IllegalArgumentException("BasicAuth(): the encoding is null; give a Charset such as ISO_8859_1");
        }
    }

    /** {@code login} and {@code password} encoded as ISO-8859-1. asyncio: {@code BasicAuth(login, password)} */
    public static BasicAuth of(String login, String password) {
        return new BasicAuth(login, password, StandardCharsets.ISO_8859_1);
    }

    /** The {@code Authorization} field's value. asyncio: {@code BasicAuth.encode()} */
    public String encode() {
        return "Basic " + Base64.getEncoder().encodeToString((login + ":" + password).getBytes(encoding));
    }

    /**
     * The credentials of an {@code Authorization} field's value ({@code Basic dXNlcjpwYXNz}), as
     * ISO-8859-1: what an authentication middleware reads from {@code request.headers()}.
     * aiohttp: {@code BasicAuth.decode(auth_header)}
     *
     * @throws IllegalArgumentException with aiohttp's message — "Could not parse authorization
     *         header." (no space after the scheme), "Unknown authorization method X", "Invalid
     *         base64 encoding.", "Invalid credentials." (no {@code :} in them) — or for a null value
     */
    public static BasicAuth decode(String authorizationHeader) {
        return decode(authorizationHeader, StandardCharsets.ISO_8859_1);
    }

    /**
     * {@link #decode(String)}, the credentials' bytes read as {@code encoding} (UTF-8 for clients
     * that send it, RFC 7617 section 2.1). aiohttp: {@code BasicAuth.decode(auth_header, encoding=)}
     *
     * @throws IllegalArgumentException as {@link #decode(String)}, and for bytes that are not
     *         {@code encoding} (aiohttp lets Python's UnicodeDecodeError, a ValueError, through)
     */
    public static BasicAuth decode(String authorizationHeader, Charset encoding) {
        if (authorizationHeader == null) {
            throw new IllegalArgumentException("BasicAuth.decode(): the header is null; give the Authorization "
                    + "field's value, after checking that the request has one");
        }
        if (encoding == null) {
            throw new IllegalArgumentException("BasicAuth.decode(): the encoding is null; give a Charset such as "
                    + "ISO_8859_1");
        }
        // aiohttp: auth_header.split(" ", 1): one space, exactly (a tab or none does not part them)
        int space = authorizationHeader.indexOf(' ');
        if (space < 0) {
            throw new IllegalArgumentException("BasicAuth.decode(): Could not parse authorization header. (no space "
                    + "after the scheme; a Basic field is \"Basic base64(login:password)\")");
        }
        String scheme = authorizationHeader.substring(0, space);
        if (!scheme.equalsIgnoreCase("basic")) {
            throw new IllegalArgumentException("BasicAuth.decode(): Unknown authorization method " + scheme
                    + " (only Basic credentials can be decoded)");
        }
        byte[] bytes = base64(authorizationHeader.substring(space + 1));
        if (bytes == null) {
            // the credentials are not shown: they may be a real password, mistyped
            throw new IllegalArgumentException("BasicAuth.decode(): Invalid base64 encoding. (the credentials after "
                    + "\"" + scheme + " \" must be base64, padded, nothing else)");
        }
        String decoded;
        try {
            decoded = encoding.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("BasicAuth.decode(): the credentials are not " + encoding
                    + " text; decode with the charset the client used (ISO_8859_1 reads any bytes)", e);
        }
        int colon = decoded.indexOf(':'); // RFC 7617: the login ends at the first colon; either may be empty
        if (colon < 0) {
            throw new IllegalArgumentException("BasicAuth.decode(): Invalid credentials. (no \":\" between login "
                    + "and password)");
        }
        return new BasicAuth(decoded.substring(0, colon), decoded.substring(colon + 1), encoding);
    }

    /**
     * {@code s} decoded as Python's {@code base64.b64decode(s, validate=True)} decodes it (3.11's
     * strict mode), or null where that raises: only the base64 alphabet and {@code =}; no padding
     * first or between digits; a quantum cut short must be padded, and nothing may follow its
     * padding; {@code =} after a whole quantum is ignored.
     */
    private static byte[] base64(String s) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(s.length() * 3 / 4);
        int quad = 0;      // digits into the current quantum
        int pads = 0;      // = seen since the last digit
        boolean padding = false;
        int acc = 0;
        int bits = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '=') {
                if (i == 0) {
                    return null; // leading padding
                }
                padding = true;
                if (quad >= 2 && quad + ++pads >= 4) {
                    return i + 1 < s.length() ? null : out.toByteArray(); // anything after the padding: excess
                }
                continue;
            }
            int v = digit(c);
            if (v < 0 || padding) {
                return null; // not base64, or a digit between pads
            }
            pads = 0;
            quad = (quad + 1) & 3;
            acc = (acc << 6) | v;
            bits += 6;
            if (bits >= 8) {
                bits -= 8;
                out.write((acc >> bits) & 0xFF);
            }
        }
        return quad == 0 ? out.toByteArray() : null; // a quantum cut short without its padding
    }

    private static int digit(char c) {
        if (c >= 'A' && c <= 'Z') {
            return c - 'A';
        }
        if (c >= 'a' && c <= 'z') {
            return c - 'a' + 26;
        }
        if (c >= '0' && c <= '9') {
            return c - '0' + 52;
        }
        return c == '+' ? 62 : c == '/' ? 63 : -1;
    }

    /**
     * The credentials in {@code url}'s user info ({@code http://login:password@host/}), each part
     * percent-decoded (as UTF-8), the password {@code ""} when absent; null when the URL has no
     * login (none, or an empty one, as yarl reads {@code http://:pass@host}). ISO-8859-1, as
     * aiohttp's default. aiohttp: {@code BasicAuth.from_url(url)}
     *
     * @throws IllegalArgumentException for a string that is not a URL, or a login with a
     *         {@code :} (percent-encoded as {@code %3A}), as aiohttp's {@code BasicAuth()} refuses it
     */
    public static BasicAuth fromUrl(String url) {
        if (url == null) {
            throw new IllegalArgumentException("BasicAuth.fromUrl(): the URL is null; give one such as "
                    + "http://login:password@host/");
        }
        String info;
        try {
            info = new URI(url).getRawUserInfo();
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("BasicAuth.fromUrl(): not a URL (" + e.getReason() + " at index "
                    + e.getIndex() + "); percent-encode the login and password", e);
        }
        if (info == null) {
            return null;
        }
        int colon = info.indexOf(':'); // before decoding: an encoded colon belongs to the login
        String login = unquote(colon < 0 ? info : info.substring(0, colon));
        if (login.isEmpty()) {
            return null;
        }
        return new BasicAuth(login, colon < 0 ? "" : unquote(info.substring(colon + 1)), StandardCharsets.ISO_8859_1);
    }

    /** {@code s} with its {@code %XX} escapes decoded, the bytes read as UTF-8 (URI checked the escapes). */
    private static String unquote(String s) {
        if (s.indexOf('%') < 0) {
            return s;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(s.length());
        int i = 0;
        while (i < s.length()) {
            int next = s.indexOf('%', i);
            int end = next < 0 ? s.length() : next;
            out.writeBytes(s.substring(i, end).getBytes(StandardCharsets.UTF_8)); // an unescaped run, as it is
            if (next < 0) {
                break;
            }
            out.write(Integer.parseInt(s, next + 1, next + 3, 16));
            i = next + 3;
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /** Shows the login, never the password. asyncio: none (aiohttp's namedtuple repr shows both) */
    @Override
    public String toString() {
        return "BasicAuth[login=" + login + ", password=***, encoding=" + encoding + "]";
    }
}
