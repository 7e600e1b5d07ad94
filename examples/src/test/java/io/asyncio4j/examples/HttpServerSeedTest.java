package io.asyncio4j.examples;

import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Seed 17 (an aiohttp.web server) is a server, so its output is a transcript: CPython's
 * {@code 17_http_server.out} shows {@code curl -s http://127.0.0.1:8080/} and the body it got. The
 * port runs on a free port (its banner, aiohttp's, names it), the JDK's own HTTP client plays
 * curl, and the transcript is compared line by line with the seed's, the port put back to 8080.
 * Then SIGTERM stops the server gracefully, as it stops aiohttp's {@code run_app}: exit status 0.
 */
class HttpServerSeedTest {
    private static final Pattern BANNER = Pattern.compile("^======== Running on http://127\\.0\\.0\\.1:(\\d+) ========$");

    @Test
    void theSeedServerAnswersCurlAsAiohttpDidAndStopsCleanlyOnSigterm() throws Exception {
        Process server = ExampleRun.start(ExampleRun.examplesDir().resolve("seeds/Seed17HttpServer.java"), "0");
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream(),
                    StandardCharsets.UTF_8));
            String banner = out.readLine();
            Matcher m = BANNER.matcher(String.valueOf(banner));
            assertTrue(m.matches(), "the server's first line: " + banner + "; stderr: "
                    + (server.isAlive() ? "" : new String(server.getErrorStream().readAllBytes())));
            assertEquals("(Press CTRL+C to quit)", out.readLine());
            int port = Integer.parseInt(m.group(1));

            String url = "http://127.0.0.1:" + port + "/";
            HttpResponse<String> r;
            try (HttpClient curl = HttpClient.newHttpClient()) {
                r = curl.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
            }
            assertEquals(200, r.statusCode());
            assertEquals("text/plain; charset=utf-8", r.headers().firstValue("Content-Type").orElse(null));
            List<String> transcript = new ArrayList<>();
            transcript.add("$ curl -s " + url.replace(":" + port + "/", ":8080/"));
            transcript.addAll(List.of(r.body().split("\n", -1)));
            List<String> want = Files.readAllLines(ExampleRun.sharedDir().resolve("seed-examples/17_http_server.out"),
                    StandardCharsets.UTF_8);
            assertEquals(String.join("\n", want), String.join("\n", transcript));

            // SIGTERM by kill(1): Process.destroy() would also close our ends of its pipes
            assertEquals(0, new ProcessBuilder("kill", "-TERM", Long.toString(server.pid())).start().waitFor());
            assertTrue(server.waitFor(30, TimeUnit.SECONDS), "the server did not stop within 30 s of SIGTERM");
            assertEquals(0, server.exitValue(), "exit status after SIGTERM; stderr:\n"
                    + new String(server.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
            assertEquals(null, out.readLine(), "nothing more on stdout after the banner");
        } finally {
            server.destroyForcibly();
        }
    }
}
