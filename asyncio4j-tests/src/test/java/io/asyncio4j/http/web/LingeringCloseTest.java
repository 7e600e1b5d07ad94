package io.asyncio4j.http.web;

import io.asyncio4j.http.web.RawHttp.Reply;
import io.asyncio4j.testing.AsyncioExtension;
import io.asyncio4j.testing.VirtualClock;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static io.asyncio4j.Asyncio.sleep;
import static io.asyncio4j.http.web.Web.post;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A connection the server ends with the peer's bytes unread (here: a body the handler ignored,
 * on a request that asked to close) sends EOF and drains the peer before it closes, so that the
 * peer reads the response instead of a reset — for {@link RequestHandler#LINGER_SECONDS} at most.
 * On the virtual clock, which tells how long the server lingered.
 */
@ExtendWith(AsyncioExtension.class)
class LingeringCloseTest {
    private static final String UNREAD = "POST /ignore HTTP/1.1\r\nConnection: close\r\nContent-Length: 100\r\n\r\nabc";

    private static Served server() throws Exception {
        return Served.routes(post("/ignore", r -> Response.text("ignored")));
    }

    @Test
    void thePeerSeesTheResponseThenEofWhileItMayStillSend() throws Exception {
        try (Served s = server(); RawHttp c = s.connect()) {
            Reply r = c.exchange(UNREAD);
            assertEquals("ignored", r.text());
            assertEquals("close", r.header("Connection"));
            c.send("the rest of the body, which nobody reads");
            c.assertClosedByServer();
        }
    }

    @Test
    void aPeerThatStaysIsCutOffAfterTheLingerTime(VirtualClock clock) throws Exception {
        try (Served s = server(); RawHttp c = s.connect()) {
            double begun = clock.seconds();
            assertEquals("ignored", c.exchange(UNREAD).text());
            for (int i = 0; i < 100 && s.runner.connectionCount() > 0; i++) {
                sleep(0.5);
            }
            assertEquals(0, s.runner.connectionCount());
            assertEquals(RequestHandler.LINGER_SECONDS, clock.seconds() - begun, 1);
        }
    }

    @Test
    void anUnreadBodyStillComingAfterTheLingerTimeEndsAKeptAliveConnection(VirtualClock clock) throws Exception {
        // keep-alive asked, so the server skips the body for the next request; the peer never
        // sends the rest (a huge upload answered without reading): cut off, not waited for forever
        try (Served s = server(); RawHttp c = s.connect()) {
            double begun = clock.seconds();
            Reply r = c.exchange("POST /ignore HTTP/1.1\r\nContent-Length: 1000000\r\n\r\nabc");
            assertEquals("ignored", r.text());
            assertEquals(null, r.header("Connection"), "the response still says keep-alive");
            c.assertClosedByServer();
            assertEquals(RequestHandler.LINGER_SECONDS, clock.seconds() - begun, 1);
        }
    }

    @Test
    void aPeerThatClosesEndsTheLingeringAtOnce(VirtualClock clock) throws Exception {
        try (Served s = server()) {
            RawHttp c = s.connect();
            double begun = clock.seconds();
            c.send(UNREAD);
            c.awaitBytesWithoutIdling();
            c.close();
            while (s.runner.connectionCount() > 0) {
                sleep(0);
            }
            assertTrue(clock.seconds() - begun < RequestHandler.LINGER_SECONDS, "lingered " + (clock.seconds() - begun));
        }
    }

    @Test
    void cleanupEndsALingeringConnectionAtOnce(VirtualClock clock) throws Exception {
        Served s = server();
        RawHttp c = s.connect();
        double begun = clock.seconds();
        c.send(UNREAD);
        c.awaitBytesWithoutIdling();
        s.close();
        assertTrue(clock.seconds() - begun < RequestHandler.LINGER_SECONDS, "cleanup took " + (clock.seconds() - begun));
        assertEquals("ignored", c.read().text());
        c.assertClosedByServer();
        c.close();
    }
}
