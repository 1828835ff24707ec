package dev.obrol.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Local addresses the bench clients connect from. One source address gives at most as many
 * connections to one server port as the kernel has ephemeral ports (about 28,000 with Linux's
 * default 32768-60999). Against a loopback target the bench therefore spreads clients over
 * 127.0.0.1, 127.0.0.2, ... (all of 127/8 is local on Linux); against a remote target it cannot,
 * and {@link #limitWarning} says so. Not thread-safe: used by the connecting thread only.
 */
final class SourceAddresses {
    /** Connections per source address, leaving ephemeral ports for everything else on the machine. */
    static final int PER_ADDRESS = 25_000;

    private final InetSocketAddress[] addresses;
    private int next;

    private SourceAddresses(InetSocketAddress[] addresses) {
        this.addresses = addresses;
    }

    /** Sources for {@code clients} connections to {@code target}: none (kernel's choice) when one address is enough. */
    static SourceAddresses forClients(int clients, InetSocketAddress target) {
        int needed = (clients + PER_ADDRESS - 1) / PER_ADDRESS;
        if (needed <= 1 || !target.getAddress().isLoopbackAddress()) {
            return new SourceAddresses(new InetSocketAddress[0]);
        }
        InetSocketAddress[] addresses = new InetSocketAddress[needed];
        for (int i = 0; i < needed; i++) {
            try {
                addresses[i] = new InetSocketAddress(InetAddress.getByAddress(new byte[] {127, 0, 0, (byte) (i + 1)}), 0);
            } catch (UnknownHostException e) {
                throw new IllegalStateException(e); // cannot happen for a 4-byte address
            }
        }
        return new SourceAddresses(addresses);
    }

    /** The next source, round-robin, or null to let the kernel choose. */
    InetSocketAddress next() {
        if (addresses.length == 0) {
            return null;
        }
        InetSocketAddress a = addresses[next];
        next = (next + 1) % addresses.length;
        return a;
    }

    int count() {
        return Math.max(1, addresses.length);
    }

    /** A warning when {@code clients} connections to a remote target may run out of ephemeral ports, else null. */
    static String limitWarning(int clients, InetSocketAddress target) {
        int ports = ephemeralPorts();
        if (clients > ports && !target.getAddress().isLoopbackAddress()) {
            return "warning: " + clients + " clients from one source address exceed the " + ports
                    + " ephemeral ports; connections beyond that will fail";
        }
        return null;
    }

    private static int ephemeralPorts() {
        try {
            String[] range = Files.readString(Path.of("/proc/sys/net/ipv4/ip_local_port_range")).trim().split("\\s+");
            return Integer.parseInt(range[1]) - Integer.parseInt(range[0]) + 1;
        } catch (IOException | RuntimeException e) {
            return 28_232; // Linux's default range
        }
    }
}
