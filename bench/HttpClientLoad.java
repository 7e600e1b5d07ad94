// HTTP client load on asyncio4j-http: TASKS tasks share one ClientSession (keep-alive pool), each
// GETs URL REQUESTS times in a row and reads the body. Prints one JSON line: requests, seconds,
// requests per second. The counterpart of bench/http_client_aiohttp.py.
//   ./aio java bench/HttpClientLoad.java URL TASKS REQUESTS [ROUNDS]
// ROUNDS (default 1): the whole load that many times in one JVM, the last one reported (the
// earlier ones warm the JIT up, as a long-running client would be).
import io.asyncio4j.Task;
import io.asyncio4j.http.client.ClientResponse;
import io.asyncio4j.http.client.ClientSession;

import java.util.ArrayList;
import java.util.List;

import static io.asyncio4j.Asyncio.createTask;
import static io.asyncio4j.Asyncio.gather;
import static io.asyncio4j.Asyncio.run;

void worker(ClientSession session, String url, int n) throws Exception {
    for (int i = 0; i < n; i++) {
        try (ClientResponse r = session.get(url)) {
            r.read();
        }
    }
}

void main(String[] args) {
    String url = args[0];
    int tasks = Integer.parseInt(args[1]);
    int requests = Integer.parseInt(args[2]);
    int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 1;
    run(() -> {
        try (ClientSession session = new ClientSession()) {
            worker(session, url, 10);
            double seconds = 0;
            for (int round = 0; round < rounds; round++) {
                long t0 = System.nanoTime();
                List<Task<Void>> all = new ArrayList<>();
                for (int i = 0; i < tasks; i++) {
                    all.add(createTask(() -> worker(session, url, requests)));
                }
                gather(all);
                seconds = (System.nanoTime() - t0) / 1e9;
            }
            long total = (long) tasks * requests;
            System.out.printf("{\"requests\": %d, \"seconds\": %.3f, \"rps\": %d}%n", total, seconds,
                    Math.round(total / seconds));
        }
    });
}
