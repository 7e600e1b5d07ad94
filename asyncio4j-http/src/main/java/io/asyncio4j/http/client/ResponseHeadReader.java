package io.asyncio4j.http.client;

import io.asyncio4j.http.codec.HeadParser;
import io.asyncio4j.http.codec.HttpParseException;
import io.asyncio4j.http.codec.ResponseHead;
import io.asyncio4j.streams.IncompleteReadException;
import io.asyncio4j.streams.LimitOverrunException;
import io.asyncio4j.streams.StreamReader;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Reads a response head off a connection: the bytes up to the first empty line (CRLF or bare LF
 * line ends, as the parser accepts), parsed by {@link HeadParser}. Interim responses (1xx but
 * 101) are skipped, as the request never asks for them. What goes wrong becomes the client's
 * exceptions: the end of the stream before a whole head a {@link ServerDisconnectedException}
 * (which knows whether any byte had come, so that a stale kept-alive connection can be told
 * apart), bytes that are no HTTP response a {@link ClientException} caused by an
 * {@link HttpParseException}.
 * <p>
 * Threading: the task that owns the connection; may suspend.
 * <p>
 * asyncio: aiohttp's {@code ResponseHandler} feeding {@code HttpResponseParser}
 */
final class ResponseHeadReader {
    private static final byte[] HTTP = "HTTP/".getBytes(StandardCharsets.ISO_8859_1);

    private ResponseHeadReader() {
    }

    /**
     * The final response's head from {@code in}; {@code origin} names the server in messages.
     * May suspend.
     * @throws ServerDisconnectedException if the stream ends or fails before a whole head
     * @throws ClientException (caused by an {@link HttpParseException}) for a malformed head
     */
    static ResponseHead read(StreamReader in, String origin) throws IOException {
        long received = 0;
        while (true) {
            byte[] bytes;
            try {
                bytes = in.readuntilEmptyLine();
            } catch (IncompleteReadException e) {
                byte[] partial = e.partial();
                if (partial.length > 0 && !startsLikeHttp(partial)) {
                    throw malformed(origin, new HttpParseException(400, "Bad status line "
                            + preview(partial) + ": expected HTTP/1.x SP 3-digit-status SP reason"));
                }
                throw new ServerDisconnectedException(origin, received + partial.length, e);
            } catch (LimitOverrunException e) {
                throw malformed(origin, new HttpParseException(431, "The response head is larger than the "
                        + in.limit() + " bytes this client reads before its empty line"));
            } catch (ServerTimeoutException e) {
                throw e; // the sock_read timer failed the reader: the server is slow, not gone
            } catch (IOException e) {
                // a reset: whatever of a head was buffered is still there, unread
                throw new ServerDisconnectedException(origin, received + in.buffered(), e);
            }
            received += bytes.length;
            ResponseHead head;
            try {
                head = HeadParser.parseResponse(bytes);
            } catch (HttpParseException e) {
                throw malformed(origin, e);
            }
            if (head.status() >= 200 || head.status() == 101) {
                return head;
            }
        }
    }

    static ClientException malformed(String origin, HttpParseException e) {
        return new ClientException("Malformed HTTP response from " + origin + ": " + e.getMessage()
                + "; the server does not speak HTTP/1.x there (is the scheme or port right?)", e);
    }

    // what arrived before the end could have grown into a status line, or could not
    private static boolean startsLikeHttp(byte[] b) {
        for (int i = 0; i < Math.min(b.length, HTTP.length); i++) {
            if (b[i] != HTTP[i]) {
                return false;
            }
        }
        return true;
    }

    private static String preview(byte[] b) {
        int end = 0;
        while (end < b.length && end < 60 && b[end] != '\r' && b[end] != '\n') {
            end++;
        }
        StringBuilder sb = new StringBuilder("\"");
        for (int i = 0; i < end; i++) {
            int c = b[i] & 0xFF;
            sb.append(c < 0x20 || c >= 0x7F ? String.format("\\x%02x", c) : String.valueOf((char) c));
        }
        return sb.append(end < b.length ? "...\"" : "\"").toString();
    }
}
