package io.asyncio4j.bench;

import io.asyncio4j.http.Headers;
import io.asyncio4j.http.HttpVersion;
import io.asyncio4j.http.codec.BodyFraming;
import io.asyncio4j.http.codec.ByteSink;
import io.asyncio4j.http.codec.HeadParser;
import io.asyncio4j.http.codec.HeadWriter;
import io.asyncio4j.http.codec.HttpParseException;
import io.asyncio4j.http.codec.RequestHead;
import io.asyncio4j.http.codec.ResponseHead;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * The HTTP codec's share of a request: parsing a request head (wrk's, and a browser-sized one
 * with nine fields) with its body framing, and writing a hello-world response head. No I/O.
 * aiohttp's C parser (llhttp) is the counterpart; figures are per head.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class HttpCodecBenchmarks {
    private final byte[] wrkHead = "GET / HTTP/1.1\r\nHost: 127.0.0.1:8080\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);
    private final byte[] browserHead = ("GET /search?q=asyncio4j&lang=en HTTP/1.1\r\n"
            + "Host: example.com\r\n"
            + "User-Agent: Mozilla/5.0 (X11; Linux x86_64; rv:120.0) Gecko/20100101 Firefox/120.0\r\n"
            + "Accept: text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8\r\n"
            + "Accept-Language: en-US,en;q=0.5\r\n"
            + "Accept-Encoding: gzip, deflate, br\r\n"
            + "Connection: keep-alive\r\n"
            + "Cookie: session=0123456789abcdef; theme=dark\r\n"
            + "Upgrade-Insecure-Requests: 1\r\n"
            + "Cache-Control: max-age=0\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1);
    private final ResponseHead hello = new ResponseHead(HttpVersion.HTTP_1_1, 200, "OK",
            Headers.of("Content-Type", "text/plain; charset=utf-8", "Content-Length", "13",
                    "Date", "Sun, 22 Nov 2026 16:00:00 GMT", "Server", "asyncio4j-http/0.1"));
    private final ByteSink sink = new ByteSink(256);

    /** wrk's two-line request head, parsed, with its framing. */
    @Benchmark
    public BodyFraming parseWrkRequest() throws HttpParseException {
        RequestHead h = HeadParser.parseRequest(wrkHead);
        return BodyFraming.forRequest(h.headers());
    }

    /** A browser's request head (nine fields, ~480 bytes), parsed, with its framing. */
    @Benchmark
    public BodyFraming parseBrowserRequest() throws HttpParseException {
        RequestHead h = HeadParser.parseRequest(browserHead);
        return BodyFraming.forRequest(h.headers());
    }

    /** A hello-world response head (four fields) written to a reused sink. */
    @Benchmark
    public int writeHelloResponseHead() {
        sink.clear();
        HeadWriter.writeResponseHead(hello, sink);
        return sink.size();
    }
}
