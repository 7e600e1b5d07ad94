package io.asyncio4j.internal.net;

import io.asyncio4j.internal.util.InetText;
import io.asyncio4j.internal.util.PythonRepr;

import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.PortUnreachableException;
import java.net.SocketAddress;
import java.net.SocketException;
import java.net.UnixDomainSocketAddress;
import java.util.Locale;
import java.util.Map;

/**
 * The wording of asyncio's {@code OSError} messages for the networking layer's errors, so a
 * message reads as CPython's: an address as Python's tuple ({@code ('127.0.0.1', 1)},
 * {@code ('::1', 1, 0, 0)}) and the {@code [Errno N]} prefix of {@code str(OSError(errno, msg))}.
 * <p>
 * The JDK gives the system's text ("Connection refused") but not its number, so the number is
 * looked up from that text; on Linux only, where the numbers below are the kernel's. Elsewhere,
 * or for a text not listed, there is no prefix and the JDK's text is kept instead. Used on error
 * paths only.
 * <p>
 * Threading: any thread (stateless).
 * <p>
 * Public for the subprocess package only ({@link #fileMessage}); not an API.
 * <p>
 * asyncio: {@code OSError(err, f'Connect call failed {address}')} in {@code selector_events},
 * {@code 'error while attempting to bind on address %r: %s'} in {@code base_events}
 */
public final class OsErrors {
    private static final boolean LINUX = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux");

    /** Linux errno by the JDK's (strerror) text. */
    private static final Map<String, Integer> ERRNO = Map.ofEntries(
            Map.entry("no such file or directory", 2),
            Map.entry("bad file descriptor", 9),
            Map.entry("permission denied", 13),
            Map.entry("invalid argument", 22),
            Map.entry("broken pipe", 32),
            Map.entry("message too long", 90),
            Map.entry("address already in use", 98),
            Map.entry("cannot assign requested address", 99),
            Map.entry("network is unreachable", 101),
            Map.entry("connection reset by peer", 104),
            Map.entry("transport endpoint is not connected", 107),
            Map.entry("connection timed out", 110),
            Map.entry("connection refused", 111),
            Map.entry("no route to host", 113));

    private OsErrors() {
    }

    /** The errno of a system error's text, or -1 when unknown (or not on Linux). */
    static int errno(IOException e) {
        if (!LINUX || e == null || e.getMessage() == null) {
            return -1;
        }
        String m = e.getMessage().toLowerCase(Locale.ROOT);
        // the JDK sometimes adds detail: "Connection refused: connect"
        int colon = m.indexOf(':');
        Integer n = ERRNO.get(colon > 0 ? m.substring(0, colon).trim() : m.trim());
        return n != null ? n : -1;
    }

    /**
     * {@code str(OSError(errno, what))}: {@code "[Errno 111] " + what} when the cause's errno is
     * known, else {@code what + ": " + the cause's text}.
     */
    static String message(String what, IOException cause) {
        int n = errno(cause);
        return n >= 0 ? "[Errno " + n + "] " + what : what + ": " + cause.getMessage();
    }

    /**
     * {@code str(OSError(errno, strerror, filename))}: {@code "[Errno 2] No such file or directory:
     * 'nonexist'"}, the file as Python's repr of a str. The subprocess package words a failed
     * start with it, as CPython's {@code _posixsubprocess} raises it.
     */
    public static String fileMessage(int errno, String strerror, String filename) {
        return "[Errno " + errno + "] " + strerror + ": " + PythonRepr.ofString(filename);
    }

    /**
     * A socket error as Python words it, {@code "[Errno 90] Message too long"}, keeping its kind:
     * an ICMP port unreachable (the JDK's {@link PortUnreachableException}, asyncio's
     * {@code ConnectionRefusedError}) is {@code "[Errno 111] Connection refused"}; a plain
     * IOException or SocketException of a known errno gets the prefix; anything else, or an
     * unknown errno, is returned as it is.
     */
    static IOException worded(IOException e) {
        IOException out;
        if (e.getClass() == PortUnreachableException.class) {
            if (!LINUX) {
                return e;
            }
            out = new PortUnreachableException("[Errno 111] Connection refused");
        } else {
            int n = errno(e);
            if (n < 0 || (e.getClass() != IOException.class && e.getClass() != SocketException.class)) {
                return e;
            }
            String m = "[Errno " + n + "] " + e.getMessage();
            out = e instanceof SocketException ? new SocketException(m) : new IOException(m);
        }
        out.initCause(e);
        return out;
    }

    /**
     * asyncio's bind failure: {@code "[Errno 98] error while attempting to bind on address
     * ('127.0.0.1', 80): [errno 98] address already in use"} (the second half is Python's
     * {@code str(err).lower()}).
     */
    static String bindMessage(SocketAddress addr, IOException cause) {
        int n = errno(cause);
        String inner = (n >= 0 ? "[errno " + n + "] " : "") + String.valueOf(cause.getMessage()).toLowerCase(Locale.ROOT);
        String what = "error while attempting to bind on address " + address(addr) + ": " + inner;
        return n >= 0 ? "[Errno " + n + "] " + what : what;
    }

    /**
     * Python's repr of a socket address: {@code ('127.0.0.1', 80)}, {@code ('::1', 80, 0, 0)}, or
     * a Unix socket's path as a str ({@code '/run/app.sock'}).
     */
    static String address(SocketAddress addr) {
        if (addr instanceof UnixDomainSocketAddress u) {
            return PythonRepr.ofString(u.getPath().toString());
        }
        if (!(addr instanceof InetSocketAddress isa)) {
            return String.valueOf(addr);
        }
        InetAddress a = isa.getAddress();
        if (a == null) {
            return "('" + isa.getHostString() + "', " + isa.getPort() + ")";
        }
        if (a instanceof Inet6Address v6) {
            return "('" + InetText.ntop(v6) + "', " + isa.getPort() + ", 0, " + v6.getScopeId() + ")";
        }
        return "('" + a.getHostAddress() + "', " + isa.getPort() + ")";
    }
}
