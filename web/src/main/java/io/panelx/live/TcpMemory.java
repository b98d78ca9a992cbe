package io.panelx.live;

import io.panelx.config.Ticks;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Whether the kernel's TCP memory is above its low mark ({@code net.ipv4.tcp_mem}'s first value),
 * read from Linux's {@code /proc} once a second, off the byte path. Above that mark the kernel
 * regulates every socket's buffers: it enters pressure at the second value and leaves it only below
 * the first, and meanwhile cuts send buffers down so that a full socket becomes writable for every
 * few KiB acknowledged. {@link ExchangeViewerOutput} then waits a pause before it offers a full
 * socket more, instead of a {@code sendfile} at each of those events. Elsewhere (no {@code /proc})
 * it always reads false and nothing changes.
 */
@ApplicationScoped
public class TcpMemory {

    private static final Path SOCKSTAT = Path.of("/proc/net/sockstat");
    private static final Path TCP_MEM = Path.of("/proc/sys/net/ipv4/tcp_mem");

    private static volatile boolean high;

    @Inject Ticks ticks;

    private ScheduledFuture<?> reader;

    /** True while the kernel's TCP memory is above its low mark (as of the last second). */
    static boolean high() {
        return high;
    }

    void started(@Observes @Initialized(ApplicationScoped.class) Object application) {
        if (!Files.isReadable(SOCKSTAT) || !Files.isReadable(TCP_MEM)) {
            return;
        }
        try {
            reader = ticks.scheduleWithFixedDelay(TcpMemory::read, 1, 1, TimeUnit.SECONDS);
        } catch (RejectedExecutionException stopping) {
            // the application is stopping
        }
    }

    @PreDestroy
    void stop() {
        if (reader != null) {
            reader.cancel(false);
        }
        high = false;
    }

    private static void read() {
        try {
            high = pagesInUse(Files.readString(SOCKSTAT)) > lowMark(Files.readString(TCP_MEM));
        } catch (IOException | RuntimeException e) {
            high = false; // unreadable: the writes go on as without pressure
        }
    }

    /** The {@code mem} figure of the {@code TCP:} line of {@code /proc/net/sockstat}, in pages. */
    static long pagesInUse(String sockstat) {
        for (String line : sockstat.split("\n")) {
            if (line.startsWith("TCP:")) {
                String[] f = line.trim().split("\\s+");
                for (int i = 1; i + 1 < f.length; i++) {
                    if (f[i].equals("mem")) {
                        return Long.parseLong(f[i + 1]);
                    }
                }
            }
        }
        return 0;
    }

    /** The first of {@code net.ipv4.tcp_mem}'s three values, in pages. */
    static long lowMark(String tcpMem) {
        return Long.parseLong(tcpMem.trim().split("\\s+")[0]);
    }
}
