package io.asyncio4j.subprocess;

import io.asyncio4j.EventLoop;
import io.asyncio4j.streams.BaseTransport;
import io.asyncio4j.streams.ReadTransport;
import io.asyncio4j.streams.StreamReader;
import io.asyncio4j.streams.StreamReaderProtocol;
import io.asyncio4j.streams.StreamWriter;
import io.asyncio4j.streams.Transport;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * The protocol behind {@link Process}: feeds the stdout/stderr pipes into
 * {@link StreamReader}s and gives stdin a {@link StreamWriter}. The writer's flow control and
 * close waiting come from a {@link StreamReaderProtocol} without a reader ({@code stdinFlow}),
 * which hears the stdin pipe's pause/resume and its closing. Closes the process transport once
 * the child has exited and both output pipes are closed.
 * <p>
 * Threading: loop thread only.
 * <p>
 * asyncio: {@code asyncio.subprocess.SubprocessStreamProtocol}
 */
final class SubprocessStreamProtocol implements SubprocessProtocol {
    private final EventLoop loop;
    private final int limit;
    StreamWriter stdin;
    StreamReader stdout;
    StreamReader stderr;
    private StreamReaderProtocol stdinFlow;
    private SubprocessTransport transport;
    private boolean processExited;
    private final List<Integer> pipeFds = new ArrayList<>(2);

    SubprocessStreamProtocol(int limit, EventLoop loop) {
        this.limit = limit;
        this.loop = loop;
    }

    @Override
    public void connectionMade(SubprocessTransport t) {
        this.transport = t;
        BaseTransport out = t.getPipeTransport(1);
        if (out != null) {
            stdout = new StreamReader(loop, limit);
            stdout.setTransport((ReadTransport) out);
            pipeFds.add(1);
        }
        BaseTransport err = t.getPipeTransport(2);
        if (err != null) {
            stderr = new StreamReader(loop, limit);
            stderr.setTransport((ReadTransport) err);
            pipeFds.add(2);
        }
        BaseTransport in = t.getPipeTransport(0);
        if (in != null) {
            stdinFlow = new StreamReaderProtocol(null, null, loop);
            stdinFlow.connectionMade((Transport) in);
            stdin = new StreamWriter((Transport) in, stdinFlow, null, loop);
        }
    }

    @Override
    public void pipeDataReceived(int fd, ByteBuffer data) {
        StreamReader reader = fd == 1 ? stdout : fd == 2 ? stderr : null;
        if (reader != null) {
            reader.feedData(data);
        }
    }

    @Override
    public void pipeConnectionLost(int fd, Throwable exc) {
        if (fd == 0) {
            if (stdin != null) {
                stdin.close();
            }
            if (stdinFlow != null) {
                stdinFlow.connectionLost(exc);
            }
            return;
        }
        StreamReader reader = fd == 1 ? stdout : fd == 2 ? stderr : null;
        if (reader != null) {
            if (exc == null) {
                reader.feedEof();
            } else {
                reader.setException(exc);
            }
        }
        pipeFds.remove((Integer) fd);
        maybeCloseTransport();
    }

    @Override
    public void processExited() {
        processExited = true;
        maybeCloseTransport();
    }

    private void maybeCloseTransport() {
        if (pipeFds.isEmpty() && processExited && transport != null) {
            transport.close();
            transport = null;
        }
    }

    @Override
    public void pauseWriting() {
        if (stdinFlow != null) {
            stdinFlow.pauseWriting();
        }
    }

    @Override
    public void resumeWriting() {
        if (stdinFlow != null) {
            stdinFlow.resumeWriting();
        }
    }

    @Override
    public void connectionLost(Throwable exc) {
        if (stdinFlow != null) {
            stdinFlow.connectionLost(exc);
        }
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("<SubprocessStreamProtocol");
        if (stdin != null) {
            sb.append(" stdin=").append(stdin);
        }
        if (stdout != null) {
            sb.append(" stdout=").append(stdout);
        }
        if (stderr != null) {
            sb.append(" stderr=").append(stderr);
        }
        return sb.append('>').toString();
    }
}
