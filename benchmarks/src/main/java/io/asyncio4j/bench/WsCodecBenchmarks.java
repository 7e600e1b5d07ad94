package io.asyncio4j.bench;

import io.asyncio4j.http.WebSocketException;
import io.asyncio4j.http.WsMessage;
import io.asyncio4j.http.codec.WsFrameHeader;
import io.asyncio4j.http.codec.WsFrames;
import io.asyncio4j.http.codec.WsMessageAssembler;
import io.asyncio4j.http.codec.WsOpcode;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.Arrays;
import java.util.concurrent.TimeUnit;

/**
 * The WebSocket codec's share of a message, no I/O: unmasking a 64 KiB payload (aiohttp does it
 * in C, {@code _websocket_mask_cython}), a server reading a client's 100-byte text frame (head
 * parsed, payload unmasked, message assembled with its UTF-8 check), and framing a 100-byte
 * answer. Figures are per operation.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class WsCodecBenchmarks {
    private final byte[] big = new byte[64 * 1024];
    private final byte[] text100 = new byte[100];
    private final byte[] clientFrame;
    private final WsMessageAssembler assembler = new WsMessageAssembler(4 << 20);

    public WsCodecBenchmarks() {
        Arrays.fill(text100, (byte) 'x');
        clientFrame = WsFrames.frame(WsOpcode.TEXT, true, text100, 0, text100.length, true, 0x12345678);
    }

    /** XOR-masks 64 KiB in place (divide 65,536 by the time for bytes per ns, i.e. GB/s). */
    @Benchmark
    public byte[] mask64KiB() {
        WsFrames.mask(big, 0, big.length, 0x12345678);
        return big;
    }

    /** A client's masked 100-byte text frame, as a server takes it: head, unmasking, message. */
    @Benchmark
    public WsMessage readClientText100() throws WebSocketException {
        WsFrameHeader h = WsFrameHeader.parse(clientFrame, 0, true);
        assembler.admit(h);
        byte[] payload = Arrays.copyOfRange(clientFrame, h.headerLength(), clientFrame.length);
        WsFrames.mask(payload, 0, payload.length, h.maskKey());
        return assembler.accept(h, payload);
    }

    /** A server's unmasked 100-byte text frame, built whole. */
    @Benchmark
    public byte[] frameServerText100() {
        return WsFrames.frame(WsOpcode.TEXT, true, text100, 0, text100.length, false, 0);
    }
}
