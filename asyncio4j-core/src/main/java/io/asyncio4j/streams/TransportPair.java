package io.asyncio4j.streams;

/**
 * The transport and protocol of one connection or endpoint, as {@code createConnection},
 * {@code createDatagramEndpoint} and {@code connectReadPipe} return them.
 * <pre>{@code
 * var conn = loop.createConnection(EchoClient::new, "127.0.0.1", 8888);
 * conn.transport().write("hi".getBytes());
 * }</pre>
 * asyncio: the {@code (transport, protocol)} tuple of {@code loop.create_connection()}
 *
 * @param transport the transport, ready to use
 * @param protocol the protocol the factory made, already told {@code connectionMade}
 * @param <T> the transport type
 * @param <P> the protocol type
 */
public record TransportPair<T extends BaseTransport, P extends BaseProtocol>(T transport, P protocol) {
}
