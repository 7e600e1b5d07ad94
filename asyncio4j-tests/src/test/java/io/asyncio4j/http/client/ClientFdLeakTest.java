package io.asyncio4j.http.client;

import io.asyncio4j.Task;
import io.asyncio4j.testing.AsyncioExtension;
import io.asyncio4j.testing.RealClock;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static io.asyncio4j.Asyncio.createTask;
import static io.asyncio4j.Asyncio.sleep;
import static io.asyncio4j.http.client.TestServer.ok;
import static io.asyncio4j.http.client.TestServer.response;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Many requests — pooled, closed by the server, released unread, failed — leave no descriptor behind. */
@ExtendWith(AsyncioExtension.class)
@RealClock
class ClientFdLeakTest {

    private static long openFds() throws IOException {
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.count();
        }
    }

    private static void requests(TestServer server, int count, int concurrency) throws Exception {
        try (ClientSession session = new ClientSession()) {
            for (int i = 0; i < count; i += concurrency) {
                List<Task<String>> batch = new ArrayList<>();
                for (int k = i; k < Math.min(count, i + concurrency); k++) {
                    int n = k;
                    batch.add(createTask(() -> {
                        try (ClientResponse resp = session.get(server.url("/" + n))) {
                            if (n % 9 == 0) {
                                return "unread"; // released before its body: the connection is closed
                            }
                            return resp.text();
                        }
                    }));
                }
                for (Task<String> t : batch) {
                    String page = t.await();
                    assertTrue(page.equals("unread") || page.startsWith("page "), page);
                }
            }
        }
    }

    @Test
    void twoHundredRequestsLeaveNoDescriptorBehind() throws Exception {
        try (TestServer server = TestServer.answering(r -> {
            int n = Integer.parseInt(r.target().substring(1));
            return n % 7 == 0 ? response(200, "OK", "page " + n, "Connection: close") : ok("page " + n);
        })) {
            requests(server, 20, 5); // warm-up: lazily opened JDK descriptors are counted before
            sleep(0.05);
            long before = openFds();
            requests(server, 200, 10);
            long after = openFds();
            for (int i = 0; i < 200 && after > before; i++) {
                sleep(0.005); // the server's handlers close their ends as they see the client's
                after = openFds();
            }
            assertTrue(after <= before, "descriptors before " + before + ", after " + after);
            assertEquals(0, server.requests.size() - 220, "every request reached the server");
            assertTrue(server.connections() < 220, "connections were reused: " + server.connections());
        }
    }
}
