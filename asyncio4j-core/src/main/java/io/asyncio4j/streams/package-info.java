/**
 * asyncio's I/O layer: transports and protocols (the low-level, callback layer) and streams
 * ({@link io.asyncio4j.streams.StreamReader}, {@link io.asyncio4j.streams.StreamWriter}: the
 * straight-line layer on top).
 * <p>
 * Bytes travel as {@code byte[]} in the stream API, as in Python. In the protocol API they
 * arrive as a {@link java.nio.ByteBuffer} that is valid only during the call (the transport
 * reuses its read buffer): copy what you keep.
 * <p>
 * asyncio: {@code asyncio.transports}, {@code asyncio.protocols}, {@code asyncio.streams}
 */
package io.asyncio4j.streams;
