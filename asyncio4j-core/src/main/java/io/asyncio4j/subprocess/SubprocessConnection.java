package io.asyncio4j.subprocess;

/**
 * The transport and protocol of a child process started with
 * {@link Subprocesses#subprocessExec}.
 * <p>
 * asyncio: the {@code (transport, protocol)} tuple of {@code loop.subprocess_exec()}
 *
 * @param transport controls the child and its pipes
 * @param protocol the protocol made by the factory
 * @param <P> the protocol type
 */
public record SubprocessConnection<P extends SubprocessProtocol>(SubprocessTransport transport, P protocol) {
}
