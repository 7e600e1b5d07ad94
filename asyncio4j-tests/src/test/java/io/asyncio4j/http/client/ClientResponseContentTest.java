package io.asyncio4j.http.client;

import io.asyncio4j.streams.IncompleteReadException;
import io.asyncio4j.streams.LimitOverrunException;
import io.asyncio4j.testing.AsyncioExtension;
import io.asyncio4j.testing.RealClock;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static io.asyncio4j.http.client.TestServer.ok;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A response body read as aiohttp's resp.content: by line, by chunk, exactly n bytes. */
@ExtendWith(AsyncioExtension.class)
@RealClock
class ClientResponseContentTest {

    private static String s(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    @Test
    void aForEachLoopReadsTheBodyLineByLineAsAsyncForOverContent() throws Exception {
        // aiohttp: [line async for line in resp.content] == [b'{"a": 1}\n', b'{"b": 2}\n', b'tail']
        try (TestServer server = TestServer.answering(r -> ok("{\"a\": 1}\n{\"b\": 2}\ntail"));
             ClientSession session = new ClientSession();
             ClientResponse resp = session.get(server.url("/"))) {
            List<String> lines = new ArrayList<>();
            for (byte[] line : resp.contentReader()) {
                lines.add(s(line));
            }
            assertEquals(List.of("{\"a\": 1}\n", "{\"b\": 2}\n", "tail"), lines);
            assertTrue(resp.contentReader().atEof());
            assertEquals(ClientResponse.State.COMPLETE, resp.state(), "read to its end: the connection is free");
        }
    }

    @Test
    void chunksReadexactlyAndReadlineShareOneBuffer() throws Exception {
        try (TestServer server = TestServer.answering(r -> ok("0123456789line\nrest"));
             ClientSession session = new ClientSession();
             ClientResponse resp = session.get(server.url("/"))) {
            ResponseContent c = resp.contentReader();
            assertSame(c, resp.contentReader());
            assertEquals("0123", s(c.readexactly(4)));
            List<String> chunks = new ArrayList<>();
            for (byte[] piece : c.iterChunked(3)) {
                chunks.add(s(piece));
                if (chunks.size() == 2) {
                    break;
                }
            }
            assertEquals(List.of("456", "789"), chunks);
            assertEquals("line\n", s(c.readline()));
            assertFalse(c.atEof());
            IncompleteReadException e = assertThrows(IncompleteReadException.class, () -> c.readexactly(10));
            assertArrayEquals("rest".getBytes(StandardCharsets.US_ASCII), e.partial());
            assertEquals(0, c.read().length);
            assertEquals(19, c.bytesRead());
        }
    }

    @Test
    void aLineLongerThanTheLimitIsAnArgumentErrorAsAiohttpsChunkTooBig() throws Exception {
        String longLine = "x".repeat(ResponseContent.LINE_LIMIT + 10) + "\n";
        try (TestServer server = TestServer.answering(r -> ok(longLine));
             ClientSession session = new ClientSession();
             ClientResponse resp = session.get(server.url("/"))) {
            LimitOverrunException e = assertThrows(LimitOverrunException.class, () -> resp.contentReader().readline());
            assertTrue(e.getMessage().contains("Chunk too big"), e.getMessage());
            assertEquals(ResponseContent.LINE_LIMIT + 11, resp.contentReader().read().length, "the bytes stay unread");
        }
    }
}
