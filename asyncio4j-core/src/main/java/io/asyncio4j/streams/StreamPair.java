package io.asyncio4j.streams;

/**
 * The reader and writer of one connection, as {@code openConnection} returns them.
 * <pre>{@code
 * var conn = openConnection("127.0.0.1", 8888);
 * conn.writer().write("hi\n".getBytes());
 * byte[] line = conn.reader().readline();
 * }</pre>
 * asyncio: the {@code (reader, writer)} tuple of {@code asyncio.open_connection}
 *
 * @param reader the incoming side
 * @param writer the outgoing side
 */
public record StreamPair(StreamReader reader, StreamWriter writer) {
}
