package org.fargatedsp.bidder.http;

import com.sun.management.HotSpotDiagnosticMXBean;
import com.sun.management.UnixOperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;

/**
 * How many connections the server keeps open: in all, and from one source address (the peer; behind a load
 * balancer every connection comes from one of its nodes, so the cap is per node). Unset, the total is derived
 * from the process's limits, whichever is lower:
 * <ul>
 *   <li>the file-descriptor limit less a headroom of an eighth of it, at least {@value #MIN_FD_HEADROOM}, for
 *       what else holds descriptors (jars, the bid log's files, sockets to AWS and Datadog, epoll), less the
 *       {@value ConnectionLimiter#RESERVE} connections reserved for {@code /health} beyond the cap;
 *   <li>half the direct-memory limit divided by the most one connection can hold
 *       ({@link ConnectionSettings#bytesPerConnection()}).
 * </ul>
 * The cap per source is then half the total, so that no one source, and no one load-balancer node, takes every
 * connection.
 *
 * @param total connections open at most, 0 to derive it
 * @param perSource connections open at most from one source address, 0 to derive it
 */
public record ConnectionCaps(int total, int perSource) {
    /** No caps: for the warm-up's private listener. */
    public static final ConnectionCaps UNLIMITED = new ConnectionCaps(Integer.MAX_VALUE, Integer.MAX_VALUE);
    static final int MIN_FD_HEADROOM = 256;
    /**
     * What the decoder holds of a connection's input at most while it waits: the rest of one socket read (Netty's
     * adaptive receive allocator fills at most 64 KiB) in a buffer grown to hold it and the read before, 128 KiB.
     */
    static final int UNDECODED_BYTES = 128 << 10;
    /** The total when nothing says otherwise: the file-descriptor limit is unknown outside Unix. */
    static final int WITHOUT_LIMITS = 10_000;

    /**
     * The caps for a process with {@code fdLimit} file descriptors (0 or less when unknown) and
     * {@code directMemoryBytes} of direct memory, for connections that hold at most {@code bytesPerConnection};
     * those of this record that are set are kept.
     */
    public ConnectionCaps derive(long fdLimit, long directMemoryBytes, long bytesPerConnection) {
        long byFd = fdLimit > 0
                ? fdLimit - Math.max(MIN_FD_HEADROOM, fdLimit / 8) - ConnectionLimiter.RESERVE
                : WITHOUT_LIMITS;
        long byMemory = directMemoryBytes / 2 / bytesPerConnection;
        int derivedTotal = (int) Math.max(1, Math.min(Math.min(byFd, byMemory), Integer.MAX_VALUE));
        int t = total > 0 ? total : derivedTotal;
        int s = perSource > 0 ? perSource : Math.max(1, t / 2);
        return new ConnectionCaps(t, Math.min(s, t));
    }

    /** {@link #derive} with this process's file-descriptor limit and direct-memory limit. */
    public ConnectionCaps forThisProcess(long bytesPerConnection) {
        return derive(fdLimit(), directMemoryLimit(), bytesPerConnection);
    }

    /** The process's file-descriptor limit, or -1 where the JVM does not say. */
    public static long fdLimit() {
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        return os instanceof UnixOperatingSystemMXBean unix ? unix.getMaxFileDescriptorCount() : -1;
    }

    /** {@code -XX:MaxDirectMemorySize}, or the heap's maximum size, which is the JVM's default for it. */
    public static long directMemoryLimit() {
        HotSpotDiagnosticMXBean hotspot = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
        if (hotspot != null) {
            try {
                long set = Long.parseLong(hotspot.getVMOption("MaxDirectMemorySize").getValue());
                if (set > 0) {
                    return set;
                }
            } catch (IllegalArgumentException notThere) {
                // Not a HotSpot JVM, or not the option: the default it would have applies.
            }
        }
        return Runtime.getRuntime().maxMemory();
    }
}
