package io.asyncio4j.http.web;

import io.asyncio4j.internal.util.InetText;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.Inet6Address;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * web.run_app's options (RunAppOptions): aiohttp 3.8.4's defaults, which sites they make and in
 * what order (its {@code _run_app}), and the values refused. No loop: sites are only made here,
 * not started (RunAppTest serves).
 */
class RunAppOptionsTest {
    private static final Application APP = new Application();

    private static List<String> siteNames(RunAppOptions o) {
        List<String> names = new ArrayList<>();
        for (BaseSite s : RunApp.sites(new AppRunner(APP), o)) {
            names.add(s.getClass().getSimpleName() + " " + s.name());
        }
        return names;
    }

    @Test
    void theDefaultsAreAiohttps() {
        RunAppOptions o = RunAppOptions.defaults();
        assertNull(o.hosts());
        assertNull(o.port());
        assertEquals(8080, o.effectivePort());
        assertEquals(Duration.ofSeconds(60), o.shutdownTimeout());
        assertEquals(Duration.ofSeconds(75), o.keepaliveTimeout());
        assertEquals(128, o.backlog());
        assertEquals(AccessLogger.DEFAULT_LOGGER_NAME, o.accessLog().getName());
        assertEquals(AccessLogger.DEFAULT_FORMAT, o.accessLogFormat());
        assertTrue(o.handleSignals());
        assertTrue(o.print() != null, "the banner goes to standard output");
    }

    @Test
    void withNothingGivenOneTcpSiteServesAllInterfacesOn8080() {
        assertEquals(List.of("TcpSite http://0.0.0.0:8080"), siteNames(RunAppOptions.defaults()));
    }

    @Test
    void tlsWithoutAPortServesOn8443() throws Exception {
        RunAppOptions o = RunAppOptions.defaults().withSsl(javax.net.ssl.SSLContext.getDefault());
        assertEquals(List.of("TcpSite https://0.0.0.0:8443"), siteNames(o));
    }

    @Test
    void sitesComeTcpPerHostThenUnixPerPathThenOnePerSocket() throws Exception {
        try (var sock = java.nio.channels.ServerSocketChannel.open()) {
            sock.bind(new java.net.InetSocketAddress("127.0.0.1", 0));
            int p = ((java.net.InetSocketAddress) sock.getLocalAddress()).getPort();
            RunAppOptions o = RunAppOptions.defaults().withHosts("127.0.0.2", "127.0.0.1").withPort(9000)
                    .withPaths(List.of(Path.of("/tmp/b.sock"), Path.of("/tmp/a.sock"))).withSocket(sock);
            assertEquals(List.of("TcpSite http://127.0.0.2:9000", "TcpSite http://127.0.0.1:9000",
                    "UnixSite http://unix:/tmp/b.sock:", "UnixSite http://unix:/tmp/a.sock:",
                    "SockSite http://127.0.0.1:" + p), siteNames(o));
        }
    }

    @Test
    void aPathAloneServesNoTcp() {
        assertEquals(List.of("UnixSite http://unix:/tmp/a.sock:"),
                siteNames(RunAppOptions.defaults().withPath(Path.of("/tmp/a.sock"))));
    }

    @Test
    void aPathWithAPortAlsoServesAllInterfacesOnThatPort() {
        // aiohttp 3.8.4: path + port without host printed "http://0.0.0.0:8768, http://unix:...:"
        assertEquals(List.of("TcpSite http://0.0.0.0:8768", "UnixSite http://unix:/tmp/a.sock:"),
                siteNames(RunAppOptions.defaults().withPath(Path.of("/tmp/a.sock")).withPort(8768)));
    }

    @Test
    void anEmptyHostListWithAPathServesOnlyThePath() {
        // aiohttp 3.8.4: host=[] with a path printed only the path
        assertEquals(List.of("UnixSite http://unix:/tmp/a.sock:"),
                siteNames(RunAppOptions.defaults().withHosts(List.of()).withPath(Path.of("/tmp/a.sock"))));
    }

    @Test
    void anEmptyHostListAloneIsRefusedAsServingNothing() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> siteNames(RunAppOptions.defaults().withHosts(List.of())));
        assertEquals("Web.runApp(): nothing to serve on: the host list is empty and no path or socket is given; "
                + "give hosts, or none (null) for all interfaces", e.getMessage());
    }

    @Test
    void aNegativePortIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RunAppOptions.defaults().withPort(-1));
        assertEquals("RunAppOptions: the port -1 is out of range; give 0 to 65535 (0: the system picks one)",
                e.getMessage());
    }

    @Test
    void aNullOrBlankHostIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> RunAppOptions.defaults().withHosts(Arrays.asList("a", null)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RunAppOptions.defaults().withHost(" "));
        assertEquals("RunAppOptions: a host is blank in [ ]; give host names or addresses (no hosts at all: all "
                + "interfaces)", e.getMessage());
    }

    @Test
    void aNullPathIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RunAppOptions.defaults().withPath(null));
        assertEquals("RunAppOptions: the paths list holds a null; give Unix socket paths (an empty list: none)",
                e.getMessage());
    }

    @Test
    void aNegativeShutdownTimeoutIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RunAppOptions.defaults().withShutdownTimeout(Duration.ofSeconds(-1)));
        assertEquals("RunAppOptions: shutdownTimeout is negative (PT-1S); give Duration.ZERO or more "
                + "(Duration.ZERO cancels requests at once)", e.getMessage());
    }

    @Test
    void aBacklogBelowOneIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> RunAppOptions.defaults().withBacklog(0));
    }

    @Test
    void anAccessLogFormatWithAnUnknownDirectiveIsRefusedWhenGiven() {
        assertThrows(IllegalArgumentException.class, () -> RunAppOptions.defaults().withAccessLogFormat("%q"));
    }

    @Test
    void aGivenSocketMustBeBound() throws Exception {
        try (var sock = java.nio.channels.ServerSocketChannel.open()) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> siteNames(RunAppOptions.defaults().withSocket(sock)));
            assertEquals("SockSite(): the socket is not bound; give a ServerSocketChannel bound to an address "
                    + "(bind() also makes it listen)", e.getMessage());
        }
    }

    @Test
    void anIpv6SocketIsNamedInPythonsShortForm() throws Exception {
        // Python's getsockname() writes RFC 5952's form; Java's getHostAddress every group
        assertEquals("::1", InetText.ntop((Inet6Address) InetAddress.getByName("::1")));
        assertEquals("::", InetText.ntop((Inet6Address) InetAddress.getByName("::")));
        assertEquals("fe80::1:0:0:2", InetText.ntop((Inet6Address) InetAddress.getByName("fe80:0:0:0:1:0:0:2")));
        assertEquals("1:0:0:2::3", InetText.ntop((Inet6Address) InetAddress.getByName("1:0:0:2:0:0:0:3")));
        assertEquals("2001:db8:0:1:1:1:1:1",
                InetText.ntop((Inet6Address) InetAddress.getByName("2001:db8:0:1:1:1:1:1")));
    }
}
