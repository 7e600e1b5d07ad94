package io.asyncio4j.internal.net;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The order in which a connection tries a host's addresses: RFC 8305's interleaving of address
 * families, so that one family's addresses cannot all time out before the other is tried.
 * <p>
 * Pure functions; any thread. asyncio: {@code base_events._interleave_addrinfos}
 */
final class AddressOrder {
    private AddressOrder() {
    }

    /**
     * Groups {@code addrs} by family (in the order the families first appear), takes
     * {@code firstFamilyCount - 1} addresses of the first family first, then one of each family in
     * turn; {@code firstFamilyCount <= 0} keeps the order.
     */
    static List<InetAddress> interleave(List<InetAddress> addrs, int firstFamilyCount) {
        if (firstFamilyCount <= 0 || addrs.size() < 2) {
            return addrs;
        }
        Map<Boolean, List<InetAddress>> byFamily = new LinkedHashMap<>();
        for (InetAddress a : addrs) {
            byFamily.computeIfAbsent(a instanceof Inet6Address, k -> new ArrayList<>()).add(a);
        }
        List<List<InetAddress>> families = new ArrayList<>(byFamily.values());
        List<InetAddress> out = new ArrayList<>(addrs.size());
        List<InetAddress> first = families.get(0);
        int lead = Math.min(firstFamilyCount - 1, first.size());
        out.addAll(first.subList(0, lead));
        families.set(0, first.subList(lead, first.size()));
        for (int i = 0; out.size() < addrs.size(); i++) {
            for (List<InetAddress> f : families) {
                if (i < f.size()) {
                    out.add(f.get(i));
                }
            }
        }
        return out;
    }
}
