package io.asyncio4j.streams;

/**
 * A host name and service (port) found for a socket address by {@code EventLoop.getnameinfo}.
 * <p>
 * asyncio: the {@code (host, port)} tuple of {@code loop.getnameinfo()}
 *
 * @param host the host name (the address in text if it has no name)
 * @param port the port number in text
 */
public record NameInfo(String host, String port) {
}
