package io.asyncio4j.http.client;

import io.asyncio4j.testing.AsyncioExtension;
import io.asyncio4j.testing.RealClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;

import static io.asyncio4j.Asyncio.sleep;
import static io.asyncio4j.http.client.TestServer.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The connect timeout (aiohttp's ClientTimeout(connect=...)): getting a connection, not the whole request. */
@ExtendWith(AsyncioExtension.class)
@RealClock
class ClientConnectTimeoutTest {
    @Test
    void aRequestWaitingForASlotPastTheConnectTimeoutFailsAndTheSlotIsNotLost() throws Exception {
        try (TestServer server = TestServer.answering(r -> ok("hi"));
             ClientSession s = new ClientSession(ClientSessionOptions.defaults().withLimit(1)
                     .withConnectTimeout(Duration.ofSeconds(1)))) { // room for a cold JVM's first connect
            ClientResponse held = s.get(server.url("/1")); // holds the only slot: its body is unread
            ServerTimeoutException e = assertThrows(ServerTimeoutException.class, () -> s.get(server.url("/2")));
            assertTrue(e.getMessage().startsWith("Connection timeout to host http://127.0.0.1:" + server.port()),
                    e.getMessage());
            assertEquals("hi", held.text());
            held.close();
            try (ClientResponse r = s.get(server.url("/3"))) {
                assertEquals("hi", r.text());
            }
        }
    }

    @Test
    void theConnectTimeoutDoesNotLimitASlowAnswer() throws Exception {
        try (TestServer server = TestServer.answering(r -> {
                 sleep(1.5);
                 return ok("slow");
             });
             ClientSession s = new ClientSession(ClientSessionOptions.defaults()
                     .withConnectTimeout(Duration.ofSeconds(1)));
             ClientResponse r = s.get(server.url("/"))) {
            assertEquals("slow", r.text());
        }
    }

    @Test
    void theConnectTimeoutIsOffByDefaultAndANegativeOneIsRefused() {
        assertNull(ClientSessionOptions.defaults().timeout().connect());
        assertThrows(IllegalArgumentException.class,
                () -> ClientSessionOptions.defaults().withConnectTimeout(Duration.ofSeconds(-1)));
        assertThrows(IllegalArgumentException.class, () -> ClientSessionOptions.defaults().withConnectTimeout(null));
    }
}
