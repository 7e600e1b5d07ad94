package io.asyncio4j.http.client;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * {@link ClientTimeout} as a value (aiohttp's {@code ClientTimeout}), and how the session's and a
 * request's options take it — the Duration shorthands included. No I/O.
 */
class ClientTimeoutValueTest {
    private static final Duration S1 = Duration.ofSeconds(1);
    private static final Duration S2 = Duration.ofSeconds(2);

    @Test
    void theDefaultIsFiveMinutesInTotalAndNothingElseAsAiohttps() {
        assertEquals(new ClientTimeout(Duration.ofMinutes(5), null, null, null), ClientTimeout.defaults());
        assertEquals(ClientTimeout.defaults(), ClientSessionOptions.defaults().timeout());
    }

    @Test
    void noneHasNoLimitAtAll() {
        assertEquals(new ClientTimeout(null, null, null, null), ClientTimeout.none());
    }

    @Test
    void eachWitherSetsItsOwnLimit() {
        ClientTimeout t = ClientTimeout.none().withTotal(S1).withConnect(S2).withSockRead(Duration.ofSeconds(3))
                .withSockConnect(Duration.ofSeconds(4));
        assertEquals(new ClientTimeout(S1, S2, Duration.ofSeconds(3), Duration.ofSeconds(4)), t);
    }

    @Test
    void zeroMeansNoLimitAndIsStoredAsNullAsAiohttpReadsIt() {
        ClientTimeout t = new ClientTimeout(Duration.ZERO, Duration.ZERO, Duration.ZERO, Duration.ZERO);
        assertEquals(ClientTimeout.none(), t);
        assertNull(t.total());
    }

    @Test
    void aNegativeLimitIsRefusedNamingIt() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ClientTimeout.none().withSockRead(Duration.ofSeconds(-1)));
        assertEquals("ClientTimeout(): sockRead is PT-1S; give a positive Duration, or null (or Duration.ZERO) for no "
                + "limit", e.getMessage());
    }

    @Test
    void itPrintsAsAiohttpsRepr() {
        assertEquals("ClientTimeout(total=300.0, connect=None, sock_read=2.0, sock_connect=None)",
                ClientTimeout.defaults().withSockRead(S2).toString());
    }

    @Test
    void theSessionsDurationShorthandForTheTotalKeepsTheOtherLimits() {
        ClientSessionOptions o = ClientSessionOptions.defaults().withTimeout(ClientTimeout.none().withSockRead(S1))
                .withTimeout(S2);
        assertEquals(ClientTimeout.none().withSockRead(S1).withTotal(S2), o.timeout());
    }

    @Test
    void theSessionsConnectShorthandKeepsTheOtherLimits() {
        ClientSessionOptions o = ClientSessionOptions.defaults().withConnectTimeout(S1);
        assertEquals(ClientTimeout.defaults().withConnect(S1), o.timeout());
    }

    @Test
    void aSessionWithoutTimeoutValueIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ClientSessionOptions.defaults().withTimeout((ClientTimeout) null));
        assertEquals("ClientSessionOptions(): timeout is null; give a ClientTimeout, ClientTimeout.none() for no limits",
                e.getMessage());
    }

    @Test
    void aRequestHasNoTimeoutOfItsOwnUntilGivenOne() {
        assertNull(RequestOptions.defaults().timeout());
        assertEquals(ClientTimeout.none().withSockRead(S1),
                RequestOptions.defaults().withTimeout(ClientTimeout.none().withSockRead(S1)).timeout());
    }

    @Test
    void aRequestsDurationIsATotalAndNothingElseAsAiohttpReadsANumber() {
        assertEquals(new ClientTimeout(S2, null, null, null), RequestOptions.defaults().withTimeout(S2).timeout());
    }
}
