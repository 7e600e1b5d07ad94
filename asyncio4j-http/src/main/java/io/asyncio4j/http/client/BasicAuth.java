package io.asyncio4j.http.client;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * HTTP Basic credentials (RFC 7617): a login and a password, sent as
 * {@code Authorization: Basic base64(login:password)} by a session made with
 * {@link ClientSessionOptions#withAuth}. The pair is encoded with {@code encoding} (aiohttp's
 * default, ISO-8859-1; UTF-8 for servers that say {@code charset="UTF-8"}).
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

    /** Shows the login, never the password. asyncio: none (aiohttp's namedtuple repr shows both) */
    @Override
    public String toString() {
        return "BasicAuth[login=" + login + ", password=***, encoding=" + encoding + "]";
    }
}
