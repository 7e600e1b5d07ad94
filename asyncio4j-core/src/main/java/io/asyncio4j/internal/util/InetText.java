package io.asyncio4j.internal.util;

import java.net.Inet6Address;

/**
 * An IPv6 address as C's {@code inet_ntop} writes it, which is what Python shows for a socket
 * address ({@code getsockname()}, {@code repr} of an address tuple, aiohttp's site names): lower
 * case, the longest run of two or more zero groups (the first of equal runs) as {@code ::}, and an
 * IPv4-mapped address as {@code ::ffff:1.2.3.4} (RFC 5952). Java's {@code getHostAddress()} writes
 * all eight groups.
 * <p>
 * Threading: any thread (stateless).
 * <p>
 * asyncio: {@code socket.inet_ntop(AF_INET6, packed)}
 */
public final class InetText {
    private InetText() {
    }

    /** The address in inet_ntop's form, without brackets or scope. */
    public static String ntop(Inet6Address address) {
        byte[] b = address.getAddress();
        int[] g = new int[8];
        for (int i = 0; i < 8; i++) {
            g[i] = ((b[2 * i] & 0xff) << 8) | (b[2 * i + 1] & 0xff);
        }
        if (g[0] == 0 && g[1] == 0 && g[2] == 0 && g[3] == 0 && g[4] == 0 && g[5] == 0xffff) {
            return "::ffff:" + (g[6] >> 8) + "." + (g[6] & 0xff) + "." + (g[7] >> 8) + "." + (g[7] & 0xff);
        }
        int bestStart = -1;
        int bestLen = 1; // a single zero group is not shortened
        for (int i = 0; i < 8; ) {
            if (g[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && g[j] == 0) {
                j++;
            }
            if (j - i > bestLen) {
                bestStart = i;
                bestLen = j - i;
            }
            i = j;
        }
        StringBuilder sb = new StringBuilder(39);
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                sb.append("::");
                i += bestLen - 1;
                continue;
            }
            if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') {
                sb.append(':');
            }
            sb.append(Integer.toHexString(g[i]));
        }
        return sb.toString();
    }
}
