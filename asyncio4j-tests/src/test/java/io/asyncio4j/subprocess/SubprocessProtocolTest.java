package io.asyncio4j.subprocess;

import io.asyncio4j.EventLoop;
import io.asyncio4j.Future;
import io.asyncio4j.streams.ReadTransport;
import io.asyncio4j.streams.WriteTransport;
import io.asyncio4j.testing.AsyncioExtension;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The low-level layer: EventLoop.subprocessExec with a SubprocessProtocol. */
@ExtendWith(AsyncioExtension.class)
class SubprocessProtocolTest {

    /** Records what the transport tells it, in order. */
    static class Recorder implements SubprocessProtocol {
        final List<String> events = new ArrayList<>();
        final StringBuilder out = new StringBuilder();
        final StringBuilder err = new StringBuilder();
        final Future<Void> lost;
        SubprocessTransport transport;

        Recorder(EventLoop loop) {
            lost = loop.createFuture();
        }

        @Override
        public void connectionMade(SubprocessTransport t) {
            transport = t;
            events.add("connectionMade");
        }

        @Override
        public void pipeDataReceived(int fd, ByteBuffer data) {
            (fd == 1 ? out : err).append(StandardCharsets.UTF_8.decode(data));
        }

        @Override
        public void pipeConnectionLost(int fd, Throwable exc) {
            events.add("pipeConnectionLost " + fd + (exc == null ? "" : " " + exc));
        }

        @Override
        public void processExited() {
            events.add("processExited " + transport.getReturncode());
        }

        @Override
        public void connectionLost(Throwable exc) {
            events.add("connectionLost");
            lost.setResult(null);
        }
    }

    @Test
    void theProtocolHearsDataPipeClosingsExitAndConnectionLostLast(EventLoop loop) throws Exception {
        Recorder rec = new Recorder(loop);
        var conn = loop.subprocessExec(() -> rec, List.of("sh", "-c", "cat; echo err >&2; exit 5"), null);
        assertSame(rec, conn.protocol());
        assertEquals(List.of("connectionMade"), rec.events);
        WriteTransport stdin = (WriteTransport) conn.transport().getPipeTransport(0);
        stdin.write("through\n".getBytes(StandardCharsets.UTF_8));
        stdin.close();
        rec.lost.await();
        assertEquals("through\n", rec.out.toString());
        assertEquals("err\n", rec.err.toString());
        assertEquals("connectionMade", rec.events.get(0));
        assertEquals("connectionLost", rec.events.get(rec.events.size() - 1));
        assertTrue(rec.events.containsAll(List.of("pipeConnectionLost 0", "pipeConnectionLost 1",
                "pipeConnectionLost 2", "processExited 5")), rec.events.toString());
        assertEquals(5, conn.transport().getReturncode());
        conn.transport().close();
    }

    @Test
    void theTransportGivesItsPipesPidAndTheProcessObject(EventLoop loop) throws Exception {
        Recorder rec = new Recorder(loop);
        var conn = loop.subprocessExec(() -> rec, List.of("cat"), SubprocessOptions.DEFAULT.stdin(Stdio.PIPE)
                .stdout(Stdio.PIPE));
        SubprocessTransport t = conn.transport();
        assertInstanceOf(WriteTransport.class, t.getPipeTransport(0));
        assertInstanceOf(ReadTransport.class, t.getPipeTransport(1));
        assertNull(t.getPipeTransport(2));
        // a ProcessHandle for a child the loop spawned itself, the JDK's Process otherwise
        Object info = t.getExtraInfo("subprocess");
        assertEquals(info instanceof java.lang.Process jp ? jp.pid() : ((ProcessHandle) info).pid(), t.getPid());
        assertTrue(t.toString().contains("running"), t.toString());
        t.getPipeTransport(0).close();
        rec.lost.await();
        assertEquals(0, t.getReturncode());
        t.close();
    }

    @Test
    void aShellCommandRunsThroughTheLowLevelApiToo(EventLoop loop) throws Exception {
        Recorder rec = new Recorder(loop);
        var conn = loop.subprocessShell(() -> rec, "echo $((6 * 7))", SubprocessOptions.DEFAULT.stdout(Stdio.PIPE));
        rec.lost.await();
        assertEquals("42\n", rec.out.toString());
        conn.transport().close();
    }

    @Test
    void pausingTheStdoutPipeHoldsBackItsData(EventLoop loop) throws Exception {
        Recorder rec = new Recorder(loop);
        var conn = loop.subprocessExec(() -> rec, List.of("sh", "-c", "read x; echo after"), null);
        ReadTransport stdout = (ReadTransport) conn.transport().getPipeTransport(1);
        stdout.pauseReading();
        assertEquals(false, stdout.isReading());
        WriteTransport stdin = (WriteTransport) conn.transport().getPipeTransport(0);
        stdin.write("go\n".getBytes(StandardCharsets.UTF_8));
        io.asyncio4j.Asyncio.sleep(0.2);
        assertEquals("", rec.out.toString());
        stdout.resumeReading();
        rec.lost.await();
        assertEquals("after\n", rec.out.toString());
        conn.transport().close();
    }

    @Test
    void writeBufferLimitsDecideWhenTheProtocolIsPaused(EventLoop loop) throws Exception {
        List<String> flow = new ArrayList<>();
        Recorder rec = new Recorder(loop) {
            @Override
            public void pauseWriting() {
                flow.add("pause");
            }

            @Override
            public void resumeWriting() {
                flow.add("resume");
            }
        };
        var conn = loop.subprocessExec(() -> rec, List.of("sh", "-c", "read x; cat >/dev/null"),
                SubprocessOptions.DEFAULT.stdin(Stdio.PIPE));
        WriteTransport stdin = (WriteTransport) conn.transport().getPipeTransport(0);
        stdin.setWriteBufferLimits(100, 10);
        assertEquals(new WriteTransport.WriteBufferLimits(10, 100), stdin.getWriteBufferLimits());
        stdin.write(new byte[50]);
        assertEquals(List.of(), flow);
        stdin.write(new byte[200_000]);
        assertEquals(List.of("pause"), flow);
        stdin.write("\n".getBytes(StandardCharsets.UTF_8));
        stdin.close();
        rec.lost.await();
        assertEquals(List.of("pause", "resume"), flow);
        conn.transport().close();
    }
}
