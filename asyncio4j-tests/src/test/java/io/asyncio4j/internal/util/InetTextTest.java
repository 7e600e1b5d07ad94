package io.asyncio4j.internal.util;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * IPv6 text as Python 3.13's {@code socket.inet_ntop(AF_INET6, inet_pton(AF_INET6, a))} prints
 * it, for each row's first column.
 */
class InetTextTest {

    @ParameterizedTest(name = "{0} is written {1}")
    @CsvSource({
            "::1, ::1",
            "2001:db8::1, 2001:db8::1",
            "1:0:0:2:0:0:0:3, 1:0:0:2::3",
            "1:0:1:0:1:0:1:0, 1:0:1:0:1:0:1:0",
            "1:0:0:2:0:0:3:4, 1::2:0:0:3:4",
            "'::', '::'",
            "fe80::abcd:0:0:1, fe80::abcd:0:0:1",
            "0:0:1::, 0:0:1::",
            "2001:DB8:0:0:0:0:0:AB, 2001:db8::ab",
    })
    void anAddressIsWrittenAsInetNtopWritesIt(String given, String expected) throws UnknownHostException {
        assertEquals(expected, InetText.ntop((Inet6Address) InetAddress.getByName(given)));
    }

    @ParameterizedTest(name = "{0} is written {1}")
    @CsvSource({
            "::ffff:1.2.3.4, ::ffff:1.2.3.4",
            "::ffff:127.0.0.1, ::ffff:127.0.0.1",
    })
    void anIpv4MappedAddressKeepsItsDottedTail(String given, String expected) throws UnknownHostException {
        // Java folds an IPv4-mapped literal into an Inet4Address, so build the 16 bytes by hand
        byte[] v4 = InetAddress.getByName(given.substring("::ffff:".length())).getAddress();
        byte[] b = new byte[16];
        b[10] = (byte) 0xff;
        b[11] = (byte) 0xff;
        System.arraycopy(v4, 0, b, 12, 4);
        assertEquals(expected, InetText.ntop(Inet6Address.getByAddress(null, b, -1)));
    }
}
