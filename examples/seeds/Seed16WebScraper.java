// seed: 16_web_scraper.py (tested by WebScraperSeedTest)
// Fetch several pages concurrently with the HTTP client (ClientSession, as aiohttp's in the seed).
// URLs come from the command line; one line per URL, in argument order: the URL, the page's
// length in characters and its first 40 characters (newlines shown as spaces).
import io.asyncio4j.Task;
import io.asyncio4j.http.client.ClientResponse;
import io.asyncio4j.http.client.ClientSession;

import java.io.FileOutputStream;
import java.io.FileDescriptor;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static io.asyncio4j.Asyncio.*;

String fetch(ClientSession session, String url) throws Exception {
    try (ClientResponse response = session.get(url)) {
        return response.text();
    }
}

/** Python's page[:n]: the first n characters, counted in code points as Python's str counts them. */
String head(String s, int n) {
    return s.substring(0, s.offsetByCodePoints(0, Math.min(n, s.codePointCount(0, s.length()))));
}

void main(String[] args) {
    // Python writes UTF-8 whatever the locale (PEP 538/540); Java would write the locale's charset
    PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
    List<String> urls = List.of(args);
    run(() -> {
        List<String> pages;
        try (ClientSession session = new ClientSession()) {
            List<Task<String>> fetches = urls.stream().map(u -> createTask(() -> fetch(session, u))).toList();
            pages = gather(fetches);
        }
        for (int i = 0; i < urls.size(); i++) {
            String page = pages.get(i);
            out.println(urls.get(i) + " " + page.codePointCount(0, page.length()) + " "
                    + head(page, 40).replace('\n', ' '));
        }
    });
}
