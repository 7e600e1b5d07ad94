package io.asyncio4j.http.client;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * The client's exceptions nest as aiohttp 3.8.4's, so that a port's {@code except} clauses map
 * to catch clauses one for one. aiohttp printed the MROs:
 * <pre>
 * ClientConnectorError ['ClientOSError', 'ClientConnectionError', 'ClientError', 'OSError', 'Exception']
 * ServerDisconnectedError ['ServerConnectionError', 'ClientConnectionError', 'ClientError', 'Exception']
 * ServerTimeoutError ['ServerConnectionError', 'ClientConnectionError', 'ClientError', 'TimeoutError', ...]
 * ServerFingerprintMismatch ['ServerConnectionError', 'ClientConnectionError', 'ClientError', 'Exception']
 * ClientPayloadError ['ClientError', 'Exception']
 * ClientResponseError ['ClientError', 'Exception']
 * </pre>
 */
class ClientExceptionHierarchyTest {

    @Test
    void connectorErrorsAreConnectionErrors() {
        assertEquals(ClientConnectionException.class, ClientConnectorException.class.getSuperclass());
        assertEquals(ClientConnectorException.class, ClientProxyConnectionException.class.getSuperclass());
        assertEquals(ClientConnectorException.class, UnixClientConnectorException.class.getSuperclass());
    }

    @Test
    void disconnectsTimeoutsAndFingerprintMismatchesAreServerConnectionErrors() {
        assertEquals(ServerConnectionException.class, ServerDisconnectedException.class.getSuperclass());
        assertEquals(ServerConnectionException.class, ServerTimeoutException.class.getSuperclass());
        assertEquals(ServerConnectionException.class, ServerFingerprintMismatchException.class.getSuperclass());
        assertEquals(ClientConnectionException.class, ServerConnectionException.class.getSuperclass());
        assertEquals(ClientException.class, ClientConnectionException.class.getSuperclass());
    }

    @Test
    void payloadAndResponseErrorsAreNotConnectionErrors() {
        assertFalse(ClientConnectionException.class.isAssignableFrom(ClientPayloadException.class));
        assertFalse(ClientConnectionException.class.isAssignableFrom(ClientResponseException.class));
        assertEquals(ClientException.class, ClientPayloadException.class.getSuperclass());
        assertEquals(ClientException.class, ClientResponseException.class.getSuperclass());
    }
}
