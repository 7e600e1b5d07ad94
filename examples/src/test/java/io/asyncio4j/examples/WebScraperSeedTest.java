package io.asyncio4j.examples;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Runs {@code examples/seeds/Seed16WebScraper.java} (the port of {@code 16_web_scraper.py})
 * against an HTTP server in this JVM — the JDK's own {@code com.sun.net.httpserver}, an
 * implementation independent of asyncio4j's — and compares its output line by line with what
 * the Python seed prints for the same pages, computed here the way Python computes it: the
 * length and the first 40 characters in code points, newlines replaced by spaces.
 */
class WebScraperSeedTest {
    /** A page: its text, the charset it is sent in, and whether it is sent chunked. */
    private record Page(String text, Charset charset, boolean chunked) {
    }

    private static final Map<String, Page> PAGES = Map.of(
            "/newlines", new Page("First line\nSecond line\n\nFourth line, after an empty one.\n",
                    StandardCharsets.UTF_8, false),
            "/unicode", new Page("Gr\u00fc\u00dfe aus K\u00f6ln \u2014 na\u00efve caf\u00e9 \u2603 \ud83d\ude00 "
                    + "\ud83c\udf89 \u65e5\u672c\u8a9e\u306e\u30c6\u30ad\u30b9\u30c8 and then some more ASCII",
                    StandardCharsets.UTF_8, false),
            "/long", new Page("<!doctype html>\n<html><head><title>A longer page</title></head>\n<body>"
                    + "lorem ipsum ".repeat(500) + "</body></html>\n", StandardCharsets.UTF_8, true),
            "/latin1", new Page("Se\u00f1or M\u00fcller's caf\u00e9: \u00bd price", StandardCharsets.ISO_8859_1,
                    false));

    private static void serve(HttpExchange ex) throws IOException {
        Page page = PAGES.get(ex.getRequestURI().getPath());
        try (ex) {
            if (page == null) {
                ex.sendResponseHeaders(404, -1);
                return;
            }
            byte[] body = page.text().getBytes(page.charset());
            ex.getResponseHeaders().set("Content-Type", "text/html; charset=" + page.charset().name());
            ex.sendResponseHeaders(200, page.chunked() ? 0 : body.length);
            try (OutputStream out = ex.getResponseBody()) {
                if (page.chunked()) {
                    for (int i = 0; i < body.length; i += 1000) {
                        out.write(body, i, Math.min(1000, body.length - i));
                        out.flush();
                    }
                } else {
                    out.write(body);
                }
            }
        }
    }

    /** What {@code print(url, len(page), page[:40].replace('\n', ' '))} prints. */
    private static String pythonLine(String url, String page) {
        int length = page.codePointCount(0, page.length());
        String first40 = page.substring(0, page.offsetByCodePoints(0, Math.min(40, length)));
        return url + " " + length + " " + first40.replace('\n', ' ');
    }

    @Test
    void theScraperPrintsEachPagesLengthAndStartInArgumentOrder() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", WebScraperSeedTest::serve);
        server.start();
        try {
            String base = "http://127.0.0.1:" + server.getAddress().getPort();
            List<String> urls = List.of(base + "/long", base + "/newlines", base + "/unicode", base + "/latin1",
                    base + "/long");
            List<String> expected = new ArrayList<>();
            for (String url : urls) {
                expected.add(pythonLine(url, PAGES.get(url.substring(base.length())).text()));
            }
            ExampleRun.Result r = ExampleRun.run(ExampleRun.examplesDir().resolve("seeds").resolve(
                    "Seed16WebScraper.java"), 120, urls.toArray(String[]::new));
            assertEquals(0, r.exitCode(), "stderr:\n" + r.stderr());
            assertEquals(String.join("\n", expected), String.join("\n", r.stdout()), "stderr:\n" + r.stderr());
        } finally {
            server.stop(0);
        }
    }
}
