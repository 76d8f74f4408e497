package org.lemongate.app;

import java.util.ArrayList;
import java.util.List;

/**
 * The peers whose {@code Forwarded} and {@code X-Forwarded-*} headers the gateway believes. Empty by default:
 * not even loopback is trusted, because a proxy on the same host is still a proxy, and anyone able to open a
 * connection from the host could otherwise claim any client address or scheme.
 *
 * @param ranges the trusted address blocks
 */
record TrustedProxies(List<AddressRange> ranges) {

    /** Trusts nobody. */
    static final TrustedProxies NONE = new TrustedProxies(List.of());

    TrustedProxies {
        ranges = List.copyOf(ranges);
    }

    /**
     * Parses a comma-separated list of addresses and CIDR blocks, e.g. {@code 127.0.0.1, 10.0.0.0/8}.
     *
     * @throws IllegalArgumentException naming the first entry that is not an address or block
     */
    static TrustedProxies parse(String list) {
        List<AddressRange> ranges = new ArrayList<>();
        for (String entry : list.split(",", -1)) {
            if (entry.isBlank()) {
                throw new IllegalArgumentException("expected a comma-separated list such as 127.0.0.1,10.0.0.0/8");
            }
            ranges.add(AddressRange.parse(entry));
        }
        return new TrustedProxies(ranges);
    }

    /** Whether the peer at {@code address} is a trusted proxy. */
    boolean trusts(String address) {
        return ranges.stream().anyMatch(r -> r.contains(address));
    }

    @Override
    public String toString() {
        return ranges.toString();
    }
}
