package io.asyncio4j.internal.net;

import io.asyncio4j.EventLoop;
import io.asyncio4j.ExceptionContext;
import io.asyncio4j.Future;
import io.asyncio4j.TimeoutException;
import io.asyncio4j.TimerHandle;
import io.asyncio4j.streams.BaseProtocol;
import io.asyncio4j.streams.BufferedProtocol;
import io.asyncio4j.streams.ConnectionResetException;
import io.asyncio4j.streams.Protocol;
import io.asyncio4j.streams.TlsHandshakeTimeoutException;
import io.asyncio4j.streams.Transport;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;

/**
 * TLS as a protocol between a transport and the application protocol, so it works over any
 * stream transport (and for {@code startTls} on an open connection): the transport below feeds
 * it ciphertext (it is a {@link BufferedProtocol}: reads land in its own buffer), it hands
 * plaintext up to the application protocol, which writes through {@link SslAppTransport}.
 * The TLS work is the JDK's {@link SSLEngine}; delegated tasks run inline on the loop thread
 * (as OpenSSL's work does in asyncio).
 * <p>
 * States (asyncio's {@code SSLProtocolState}) and transitions:
 * <pre>
 *   UNWRAPPED ──connectionMade──▶ DO_HANDSHAKE ──handshake done──▶ WRAPPED
 *   WRAPPED ──app close() / peer EOF / close_notify──▶ FLUSHING ──▶ SHUTDOWN ──▶ (transport closed)
 *   any ──connectionLost / abort / handshake failure──▶ UNWRAPPED
 * </pre>
 * The application protocol's own states: INIT ──connectionMade──▶ CON_MADE ──eofReceived──▶ EOF,
 * then CON_LOST (connectionLost, once). A failed handshake never reaches the application: the
 * waiter ({@code createConnection}, {@code startTls}) gets the error, an
 * {@link javax.net.ssl.SSLException} ({@link TlsHandshakeTimeoutException} on timeout).
 * <p>
 * Flow control: the application is paused for writing when the bytes it wrote and TLS has not
 * sent exceed the high-water mark (default 512 KiB, asyncio's SSL default), which is pushed down
 * to the transport below so that its pause/resume callbacks line up; reading from below is
 * paused while more than 256 KiB of ciphertext waits (asyncio's SSL read high-water mark).
 * <p>
 * Threading: loop thread only.
 * <p>
 * asyncio: {@code sslproto.SSLProtocol}
 */
final class SslProtocol implements BufferedProtocol {
    private static final System.Logger LOG = System.getLogger("asyncio");
    private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);
    private static final int READ_HIGH_WATER = 256 * 1024;
    private static final int READ_LOW_WATER = READ_HIGH_WATER / 4;
    static final int WRITE_HIGH_WATER = 512 * 1024;

    /** TLS states; see the class comment. */
    enum State { UNWRAPPED, DO_HANDSHAKE, WRAPPED, FLUSHING, SHUTDOWN }

    /** The application protocol's states; see the class comment. */
    enum AppState { INIT, CON_MADE, EOF, CON_LOST }

    final NetLoop net;
    final EventLoop loop;
    final SSLContext context;
    final SSLEngine engine;
    private final boolean serverSide;
    private final Duration handshakeTimeout;
    private final Duration shutdownTimeout;
    private Future<Void> waiter;

    private BaseProtocol app;
    private Protocol appStream;
    private BufferedProtocol appBuffered;
    private final SslAppTransport appTransport;
    private Transport raw;

    State state = State.UNWRAPPED;
    private AppState appState;
    private TimerHandle handshakeTimer;
    private TimerHandle shutdownTimer;
    private int connLost;
    private boolean eofReceived;

    boolean appReadingPaused;
    private boolean sslReadingPaused;
    private boolean appWritingPaused;
    private int highWater = WRITE_HIGH_WATER;
    private int lowWater = WRITE_HIGH_WATER / 4;

    private final int appBufferSize;
    private ByteBuffer netIn;   // ciphertext from below, write mode: [0, position) waits to be unwrapped
    private ByteBuffer appIn;   // plaintext not yet delivered, write mode
    private ByteBuffer netOut;  // ciphertext on its way down, write mode
    private final ArrayDeque<ByteBuffer> backlog = new ArrayDeque<>(); // app writes during the handshake
    private long backlogSize;

    private Object peercert;
    private String cipher;

    SslProtocol(NetLoop net, BaseProtocol app, SSLContext context, Future<Void> waiter, boolean serverSide,
                String serverHostname, Duration handshakeTimeout, Duration shutdownTimeout,
                boolean callConnectionMade) {
        this(net, app, context, waiter, serverSide, serverHostname, -1, handshakeTimeout, shutdownTimeout,
                callConnectionMade);
    }

    SslProtocol(NetLoop net, BaseProtocol app, SSLContext context, Future<Void> waiter, boolean serverSide,
                String serverHostname, int port, Duration handshakeTimeout, Duration shutdownTimeout,
                boolean callConnectionMade) {
        if (context == null) {
            throw new NullPointerException("TLS: the SSLContext is null");
        }
        this.net = net;
        this.loop = net.loop;
        this.context = context;
        this.serverSide = serverSide;
        this.waiter = waiter;
        this.handshakeTimeout = handshakeTimeout != null ? handshakeTimeout : Duration.ofSeconds(60);
        this.shutdownTimeout = shutdownTimeout != null ? shutdownTimeout : Duration.ofSeconds(30);
        boolean checkName = !serverSide && serverHostname != null && !serverHostname.isEmpty();
        this.engine = checkName ? context.createSSLEngine(serverHostname, port) : context.createSSLEngine();
        engine.setUseClientMode(!serverSide);
        if (checkName) {
            SSLParameters p = engine.getSSLParameters();
            p.setEndpointIdentificationAlgorithm("HTTPS");
            if (!isIpLiteral(serverHostname)) {
                p.setServerNames(List.of(new SNIHostName(serverHostname)));
            }
            engine.setSSLParameters(p);
        }
        SSLSession s = engine.getSession();
        this.appBufferSize = s.getApplicationBufferSize();
        this.netIn = ByteBuffer.allocate(s.getPacketBufferSize());
        this.appIn = ByteBuffer.allocate(appBufferSize);
        this.netOut = ByteBuffer.allocate(s.getPacketBufferSize());
        this.appState = callConnectionMade ? AppState.INIT : AppState.CON_MADE;
        setAppProtocol(app);
        this.appTransport = new SslAppTransport(this);
    }

    static boolean isIpLiteral(String host) {
        try {
            InetAddress.ofLiteral(host);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    SslAppTransport appTransport() {
        return appTransport;
    }

    void setAppProtocol(BaseProtocol p) {
        if (p instanceof BufferedProtocol bp) {
            appBuffered = bp;
            appStream = null;
        } else if (p instanceof Protocol sp) {
            appStream = sp;
            appBuffered = null;
        } else {
            throw new IllegalArgumentException("TLS: the application protocol must be a Protocol or a "
                    + "BufferedProtocol, got " + p);
        }
        app = p;
    }

    BaseProtocol appProtocol() {
        return app;
    }

    Object extra(String name) {
        switch (name) {
            case "sslcontext":
                return context;
            case "ssl_object":
                return state == State.UNWRAPPED && peercert == null && cipher == null ? null : engine;
            case "peercert":
                return peercert;
            case "cipher":
                return cipher;
            default:
                Transport t = raw;
                return t != null ? t.getExtraInfo(name) : null;
        }
    }

    // ---- the transport below --------------------------------------------------------------------

    @Override
    public void connectionMade(Transport transport) {
        this.raw = transport;
        transport.setWriteBufferLimits(highWater, lowWater);
        startHandshake();
    }

    @Override
    public void connectionLost(Throwable exc) {
        backlog.clear();
        backlogSize = 0;
        connLost++;
        appTransport.closed = true;
        State was = state;
        if (was != State.DO_HANDSHAKE && (appState == AppState.CON_MADE || appState == AppState.EOF)) {
            appState = AppState.CON_LOST;
            BaseProtocol a = app;
            loop.callSoon(() -> {
                try {
                    a.connectionLost(exc);
                } catch (Throwable e) {
                    loop.callExceptionHandler(ExceptionContext.of("Exception in protocol.connection_lost()", e)
                            .with("protocol", a));
                }
            });
        }
        state = State.UNWRAPPED;
        raw = null;
        if (exc == null && was == State.DO_HANDSHAKE) {
            wakeupWaiter(new ConnectionResetException("TLS: the connection was closed during the handshake"));
        } else {
            wakeupWaiter(exc);
        }
        cancelTimers();
    }

    @Override
    public ByteBuffer getBuffer(int sizeHint) {
        if (netIn.remaining() < 16 * 1024) {
            netIn = grow(netIn, 16 * 1024);
        }
        return netIn;
    }

    @Override
    public void bufferUpdated(int nbytes) {
        netIn.position(netIn.position() + nbytes);
        switch (state) {
            case DO_HANDSHAKE -> doHandshake();
            case WRAPPED -> doRead();
            case FLUSHING -> doFlush();
            case SHUTDOWN -> doShutdown();
            default -> {
                // UNWRAPPED: the connection is going away; drop the bytes
            }
        }
    }

    @Override
    public boolean eofReceived() {
        eofReceived = true;
        if (loop.getDebug()) {
            LOG.log(Level.DEBUG, this + " received EOF");
        }
        try {
            switch (state) {
                case DO_HANDSHAKE -> onHandshakeComplete(new ConnectionResetException(
                        "TLS: the peer closed the connection during the handshake"));
                case WRAPPED -> {
                    state = State.FLUSHING;
                    if (appReadingPaused) {
                        return true;
                    }
                    doFlush();
                }
                case FLUSHING -> {
                    doWrite();
                    state = State.SHUTDOWN;
                    doShutdown();
                }
                case SHUTDOWN -> doShutdown();
                default -> {
                }
            }
        } catch (SSLException e) {
            fatalError(e, "Fatal error on SSL protocol");
        } catch (RuntimeException e) {
            if (raw != null) {
                raw.close();
            }
            throw e;
        }
        return false;
    }

    @Override
    public void pauseWriting() {
        controlAppWriting();
    }

    @Override
    public void resumeWriting() {
        controlAppWriting();
    }

    // ---- handshake ------------------------------------------------------------------------------

    private void startHandshake() {
        state = State.DO_HANDSHAKE;
        handshakeTimer = loop.callLater(handshakeTimeout, this::checkHandshakeTimeout);
        try {
            engine.beginHandshake();
        } catch (SSLException e) {
            onHandshakeComplete(e);
            return;
        }
        doHandshake();
    }

    private void checkHandshakeTimeout() {
        handshakeTimer = null;
        if (state == State.DO_HANDSHAKE) {
            TlsHandshakeTimeoutException e = new TlsHandshakeTimeoutException("SSL handshake is taking longer than "
                    + seconds(handshakeTimeout) + " seconds: aborting the connection");
            state = State.UNWRAPPED;
            fatalError(e, "SSL handshake timed out");
            wakeupWaiter(e);
        }
    }

    private void doHandshake() {
        try {
            while (state == State.DO_HANDSHAKE) {
                HandshakeStatus hs = engine.getHandshakeStatus();
                switch (hs) {
                    case NEED_TASK -> runDelegatedTasks();
                    case NEED_WRAP -> {
                        SSLEngineResult r = wrap(EMPTY);
                        if (r.getHandshakeStatus() == HandshakeStatus.FINISHED) {
                            flushNetOut();
                            onHandshakeComplete(null);
                            return;
                        }
                        if (r.getStatus() == SSLEngineResult.Status.CLOSED) {
                            flushNetOut();
                            throw new SSLException("TLS: the engine closed during the handshake");
                        }
                    }
                    case NEED_UNWRAP, NEED_UNWRAP_AGAIN -> {
                        SSLEngineResult r = unwrapOnce();
                        if (r == null) {
                            flushNetOut(); // wait for more bytes from the peer
                            return;
                        }
                        if (r.getStatus() == SSLEngineResult.Status.CLOSED) {
                            flushNetOut();
                            throw new SSLException("TLS: the peer closed the connection during the handshake");
                        }
                        if (r.getHandshakeStatus() == HandshakeStatus.FINISHED) {
                            flushNetOut();
                            onHandshakeComplete(null);
                            return;
                        }
                    }
                    default -> { // FINISHED, NOT_HANDSHAKING
                        flushNetOut();
                        onHandshakeComplete(null);
                        return;
                    }
                }
            }
        } catch (SSLException e) {
            onHandshakeComplete(e);
        }
    }

    private void onHandshakeComplete(IOException handshakeExc) {
        if (handshakeTimer != null) {
            handshakeTimer.cancel();
            handshakeTimer = null;
        }
        if (handshakeExc != null) {
            state = State.UNWRAPPED;
            sendAlertQuietly();
            String msg = causedBy(handshakeExc, CertificateException.class)
                    ? "SSL handshake failed on verifying the certificate" : "SSL handshake failed";
            fatalError(handshakeExc, msg);
            wakeupWaiter(handshakeExc);
            return;
        }
        state = State.WRAPPED;
        SSLSession session = engine.getSession();
        cipher = session.getCipherSuite();
        try {
            Certificate[] chain = session.getPeerCertificates();
            peercert = chain.length > 0 ? chain[0] : null;
        } catch (SSLPeerUnverifiedException e) {
            peercert = null; // the peer sent no certificate (a client without client auth)
        }
        if (appState == AppState.INIT) {
            appState = AppState.CON_MADE;
            try {
                if (appBuffered != null) {
                    appBuffered.connectionMade(appTransport);
                } else {
                    appStream.connectionMade(appTransport);
                }
            } catch (Throwable e) {
                loop.callExceptionHandler(ExceptionContext.of("Exception in protocol.connection_made()", e)
                        .with("transport", appTransport).with("protocol", app));
            }
        }
        wakeupWaiter(null);
        doRead();
    }

    /** After a failed handshake, lets the engine send its alert so the peer learns why. */
    private void sendAlertQuietly() {
        try {
            engine.closeOutbound();
            while (!engine.isOutboundDone()) {
                SSLEngineResult r = wrap(EMPTY);
                if (r.bytesProduced() == 0) {
                    break;
                }
            }
            flushNetOut();
        } catch (SSLException | RuntimeException e) {
            // the connection is being torn down anyway
        }
    }

    private static boolean causedBy(Throwable e, Class<?> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    private void runDelegatedTasks() {
        Runnable task;
        while ((task = engine.getDelegatedTask()) != null) {
            task.run();
        }
    }

    // ---- shutdown -------------------------------------------------------------------------------

    /** The application closed its transport. asyncio: {@code _start_shutdown} */
    void startShutdown() {
        if (state == State.FLUSHING || state == State.SHUTDOWN || state == State.UNWRAPPED) {
            return;
        }
        appTransport.closed = true;
        if (state == State.DO_HANDSHAKE) {
            abort(null);
            return;
        }
        state = State.FLUSHING;
        shutdownTimer = loop.callLater(shutdownTimeout, this::checkShutdownTimeout);
        doFlush();
    }

    private void checkShutdownTimeout() {
        shutdownTimer = null;
        if (state == State.FLUSHING || state == State.SHUTDOWN) {
            forceCloseRaw(new TimeoutException("SSL shutdown timed out"));
        }
    }

    private void doFlush() {
        doRead();
        if (state == State.FLUSHING) {
            state = State.SHUTDOWN;
            doShutdown();
        }
    }

    private void doShutdown() {
        if (state != State.SHUTDOWN) {
            return;
        }
        try {
            doWrite();
            if (!eofReceived) {
                if (!engine.isOutboundDone()) {
                    engine.closeOutbound();
                    while (!engine.isOutboundDone()) {
                        SSLEngineResult r = wrap(EMPTY);
                        if (r.bytesProduced() == 0 && r.getStatus() != SSLEngineResult.Status.OK) {
                            break;
                        }
                    }
                    flushNetOut();
                }
                if (!engine.isInboundDone()) {
                    if (!unwrapAll(true)) {
                        return; // wait for the peer's close_notify (or EOF, or the timeout)
                    }
                }
            }
            flushNetOut();
            callEofReceived();
            onShutdownComplete(null);
        } catch (SSLException e) {
            onShutdownComplete(e);
        }
    }

    private void onShutdownComplete(IOException exc) {
        if (shutdownTimer != null) {
            shutdownTimer.cancel();
            shutdownTimer = null;
        }
        if (exc != null) {
            fatalError(exc, "Fatal error on SSL protocol");
        } else {
            Transport t = raw;
            if (t != null) {
                loop.callSoon(t::close);
            }
        }
    }

    /** Aborts the connection below. asyncio: {@code _abort} */
    void abort(Throwable exc) {
        state = State.UNWRAPPED;
        forceCloseRaw(exc);
    }

    private void forceCloseRaw(Throwable exc) {
        Transport t = raw;
        if (t instanceof StreamTransport st) {
            st.forceClose(exc);
        } else if (t instanceof SslAppTransport at) {
            at.forceClose(exc);
        } else if (t != null) {
            t.abort();
        }
    }

    // ---- writing --------------------------------------------------------------------------------

    /** Application data to send. asyncio: {@code _write_appdata} */
    void writeAppData(ByteBuffer data) {
        if (state == State.FLUSHING || state == State.SHUTDOWN || state == State.UNWRAPPED) {
            data.position(data.limit());
            if (connLost >= StreamTransport.LOG_THRESHOLD_FOR_CONNLOST_WRITES) {
                LOG.log(Level.WARNING, "Transport.write(): the TLS connection is closed; the data was dropped");
            }
            connLost++;
            return;
        }
        try {
            if (state == State.WRAPPED && backlog.isEmpty()) {
                wrapAll(data);
                flushNetOut();
            } else {
                ByteBuffer copy = ByteBuffer.allocate(data.remaining());
                copy.put(data).flip();
                backlog.add(copy);
                backlogSize += copy.remaining();
                if (state == State.WRAPPED) {
                    doWrite();
                }
            }
            controlAppWriting();
        } catch (SSLException | RuntimeException e) {
            fatalError(e, "Fatal error on SSL protocol");
        }
    }

    /** Sends the backlog (writes made during the handshake). asyncio: {@code _do_write} */
    private void doWrite() throws SSLException {
        ByteBuffer b;
        while ((b = backlog.peekFirst()) != null) {
            int n = b.remaining();
            wrapAll(b);
            backlog.pollFirst();
            backlogSize -= n;
        }
        flushNetOut();
    }

    private void wrapAll(ByteBuffer src) throws SSLException {
        while (src.hasRemaining()) {
            SSLEngineResult r = wrap(src);
            if (r.getStatus() == SSLEngineResult.Status.CLOSED) {
                src.position(src.limit());
                return;
            }
        }
    }

    /** One wrap into netOut, flushing or growing netOut on overflow. */
    private SSLEngineResult wrap(ByteBuffer src) throws SSLException {
        while (true) {
            SSLEngineResult r = engine.wrap(src, netOut);
            if (r.getStatus() != SSLEngineResult.Status.BUFFER_OVERFLOW) {
                if (r.getHandshakeStatus() == HandshakeStatus.NEED_TASK) {
                    runDelegatedTasks();
                }
                return r;
            }
            if (netOut.position() > 0) {
                flushNetOut();
            } else {
                netOut = grow(netOut, engine.getSession().getPacketBufferSize());
            }
        }
    }

    private void flushNetOut() {
        if (netOut.position() == 0) {
            return;
        }
        netOut.flip();
        Transport t = raw;
        if (t != null) {
            t.write(netOut);
        }
        netOut.clear();
    }

    // ---- reading --------------------------------------------------------------------------------

    /** asyncio: {@code _do_read} */
    private void doRead() {
        if (state != State.WRAPPED && state != State.FLUSHING) {
            return;
        }
        try {
            if (!appReadingPaused) {
                deliver(); // plaintext left over from before a pause
                boolean closeNotify = false;
                if (!appReadingPaused && appIn.position() == 0) {
                    closeNotify = unwrapAll(false);
                    deliver();
                }
                if (!backlog.isEmpty()) {
                    doWrite();
                } else {
                    flushNetOut();
                }
                if (closeNotify) {
                    callEofReceived();
                    startShutdown();
                }
            }
            controlSslReading();
        } catch (SSLException | RuntimeException e) {
            fatalError(e, "Fatal error on SSL protocol");
        }
    }

    /**
     * Unwraps every complete record waiting in netIn into appIn (or drops the plaintext when
     * {@code discard}); answers post-handshake messages. Returns true on the peer's close_notify.
     */
    private boolean unwrapAll(boolean discard) throws SSLException {
        while (true) {
            if (discard) {
                appIn.clear();
            }
            SSLEngineResult r = unwrapOnce();
            if (r == null) {
                return false;
            }
            if (r.getStatus() == SSLEngineResult.Status.CLOSED) {
                flushNetOut();
                return true;
            }
            if (engine.getHandshakeStatus() == HandshakeStatus.NEED_WRAP) {
                wrap(EMPTY); // a post-handshake answer (TLS 1.3 key update)
            }
            if (netIn.position() == 0) {
                return false;
            }
        }
    }

    /** One unwrap from netIn into appIn (grown as needed); null when a whole record has not arrived yet. */
    private SSLEngineResult unwrapOnce() throws SSLException {
        while (true) {
            if (appIn.remaining() < appBufferSize) {
                appIn = grow(appIn, appBufferSize);
            }
            netIn.flip();
            SSLEngineResult r;
            try {
                r = engine.unwrap(netIn, appIn);
            } finally {
                netIn.compact();
            }
            switch (r.getStatus()) {
                case BUFFER_UNDERFLOW:
                    if (netIn.remaining() == 0) {
                        netIn = grow(netIn, engine.getSession().getPacketBufferSize());
                    }
                    return null;
                case BUFFER_OVERFLOW:
                    appIn = grow(appIn, engine.getSession().getApplicationBufferSize());
                    continue;
                default:
                    if (r.getHandshakeStatus() == HandshakeStatus.NEED_TASK) {
                        runDelegatedTasks();
                    }
                    return r;
            }
        }
    }

    /** Hands the plaintext in appIn to the application. */
    private void deliver() {
        if (appIn.position() == 0) {
            return;
        }
        appIn.flip();
        try {
            if (appStream != null) {
                appStream.dataReceived(appIn);
                appIn.position(appIn.limit());
            } else {
                while (appIn.hasRemaining() && !appReadingPaused && appBuffered != null) {
                    ByteBuffer b = appBuffered.getBuffer(appIn.remaining());
                    int k = Math.min(b.remaining(), appIn.remaining());
                    if (k == 0) {
                        throw new IllegalStateException("BufferedProtocol.getBuffer() returned an empty buffer");
                    }
                    b.put(b.position(), appIn, appIn.position(), k);
                    appIn.position(appIn.position() + k);
                    appBuffered.bufferUpdated(k);
                }
            }
        } finally {
            appIn.compact();
            if (appIn.position() == 0 && appIn.capacity() > 4 * appBufferSize) {
                appIn = ByteBuffer.allocate(appBufferSize); // a burst is over: give the memory back
            }
        }
    }

    private void callEofReceived() {
        if (appState != AppState.CON_MADE) {
            return;
        }
        appState = AppState.EOF;
        try {
            boolean keepOpen = appBuffered != null ? appBuffered.eofReceived() : appStream.eofReceived();
            if (keepOpen) {
                LOG.log(Level.WARNING, "returning true from eof_received() has no effect when using ssl");
            }
        } catch (Throwable e) {
            fatalError(e, "Error calling eof_received()");
        }
    }

    void resumeReading() {
        if (appReadingPaused) {
            appReadingPaused = false;
            loop.callSoon(() -> {
                switch (state) {
                    case WRAPPED -> doRead();
                    case FLUSHING -> doFlush();
                    case SHUTDOWN -> doShutdown();
                    default -> {
                    }
                }
            });
        }
    }

    // ---- flow control ---------------------------------------------------------------------------

    private void controlSslReading() {
        Transport t = raw;
        if (t == null) {
            return;
        }
        int pending = netIn.position();
        if (pending >= READ_HIGH_WATER && !sslReadingPaused) {
            sslReadingPaused = true;
            t.pauseReading();
        } else if (pending <= READ_LOW_WATER && sslReadingPaused) {
            sslReadingPaused = false;
            t.resumeReading();
        }
    }

    private void controlAppWriting() {
        long size = writeBufferSize();
        if (size >= highWater && !appWritingPaused && size > 0) {
            appWritingPaused = true;
            try {
                app.pauseWriting();
            } catch (Throwable e) {
                loop.callExceptionHandler(ExceptionContext.of("protocol.pause_writing() failed", e)
                        .with("transport", appTransport).with("protocol", this));
            }
        } else if (size <= lowWater && appWritingPaused) {
            appWritingPaused = false;
            try {
                app.resumeWriting();
            } catch (Throwable e) {
                loop.callExceptionHandler(ExceptionContext.of("protocol.resume_writing() failed", e)
                        .with("transport", appTransport).with("protocol", this));
            }
        }
    }

    long writeBufferSize() {
        Transport t = raw;
        return backlogSize + (t != null ? t.getWriteBufferSize() : 0);
    }

    void setWriteBufferLimits(int high, int low) {
        int[] hl = high < 0 && low < 0 ? new int[] {WRITE_HIGH_WATER, WRITE_HIGH_WATER / 4}
                : StreamTransport.waterMarks(high, low);
        highWater = hl[0];
        lowWater = hl[1];
        Transport t = raw;
        if (t != null) {
            t.setWriteBufferLimits(highWater, lowWater);
        }
        controlAppWriting();
    }

    int highWater() {
        return highWater;
    }

    int lowWater() {
        return lowWater;
    }

    // ---- errors ---------------------------------------------------------------------------------

    private void wakeupWaiter(Throwable exc) {
        Future<Void> w = waiter;
        if (w == null) {
            return;
        }
        waiter = null;
        if (!w.isDone()) {
            if (exc != null) {
                w.setException(exc);
            } else {
                w.setResult(null);
            }
        }
    }

    private void fatalError(Throwable exc, String message) {
        forceCloseRaw(exc);
        if (exc instanceof IOException) {
            if (loop.getDebug()) {
                LOG.log(Level.DEBUG, this + ": " + message, exc);
            }
        } else {
            loop.callExceptionHandler(ExceptionContext.of(message, exc).with("transport", raw).with("protocol", this));
        }
    }

    private void cancelTimers() {
        if (handshakeTimer != null) {
            handshakeTimer.cancel();
            handshakeTimer = null;
        }
        if (shutdownTimer != null) {
            shutdownTimer.cancel();
            shutdownTimer = null;
        }
    }

    private static ByteBuffer grow(ByteBuffer b, int room) {
        ByteBuffer n = ByteBuffer.allocate(b.position() + Math.max(room, b.capacity()));
        b.flip();
        n.put(b);
        return n;
    }

    private static String seconds(Duration d) {
        return String.valueOf(d.toNanos() / 1e9);
    }

    @Override
    public String toString() {
        return "<SslProtocol " + state + (serverSide ? " server" : " client") + " app=" + appState + ">";
    }
}
