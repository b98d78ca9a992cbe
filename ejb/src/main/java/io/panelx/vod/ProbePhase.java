package io.panelx.vod;

import io.panelx.vod.VodLibrary.ProbeResult;
import io.panelx.vod.VodLibrary.ProbeTask;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The second phase of a library scan: ffprobe for the library files still without details, after
 * the library is stored (so movies are listed and playable while it runs, their duration and codecs
 * empty until their probe is done). A few workers, each one ffprobe at a time; their results are
 * written in batches. {@link #cancel()} ends it without interrupting a thread: it ends the ffprobe
 * processes running, and nothing more is written (what was not written is probed by the next scan).
 */
final class ProbePhase {

    private static final Logger LOG = Logger.getLogger(ProbePhase.class.getName());

    /** Results written at once, or after {@link #WRITE_MILLIS}: each batch rebuilds the catalog. */
    static final int BATCH = 100;

    static final long WRITE_MILLIS = 5_000;

    private final ConcurrentLinkedQueue<ProbeTask> queue;
    private final Function<List<ProbeResult>, Integer> store;
    private final int toProbe;
    private final Set<Process> running = ConcurrentHashMap.newKeySet();
    private final List<ProbeResult> pending = new ArrayList<>();
    private final AtomicInteger probed = new AtomicInteger();
    private final AtomicInteger unreadable = new AtomicInteger();
    private final AtomicInteger workers = new AtomicInteger();
    private final CountDownLatch ended = new CountDownLatch(1);
    private long lastWrite = System.currentTimeMillis();
    private volatile long startedAt = System.nanoTime();
    private volatile boolean cancelled;
    private volatile Instant finishedAt;
    private volatile String error;

    /**
     * @param store writes a batch of results (one transaction), returns how many it stored
     */
    ProbePhase(List<ProbeTask> tasks, Function<List<ProbeResult>, Integer> store) {
        this.queue = new ConcurrentLinkedQueue<>(tasks);
        this.store = store;
        this.toProbe = tasks.size();
    }

    /** Starts {@code parallelism} workers (fewer when there is less to do). */
    void start(ExecutorService executor, int parallelism) {
        startedAt = System.nanoTime();
        int n = Math.max(1, Math.min(parallelism, toProbe));
        if (toProbe == 0) {
            end();
            return;
        }
        workers.set(n);
        for (int i = 0; i < n; i++) {
            try {
                executor.execute(this::work);
            } catch (RejectedExecutionException e) {
                // the others (if any) do the work; none at all: the next scan probes
                if (workers.decrementAndGet() == 0) {
                    error = "no thread for ffprobe, the next scan probes these files";
                    end();
                }
            }
        }
    }

    private void work() {
        try {
            for (ProbeTask t; !cancelled && (t = queue.poll()) != null; ) {
                Path file = VodSource.file(t.libraryPath());
                if (file == null) {
                    probed.incrementAndGet(); // vanished since the scan: the next one removes it
                    continue;
                }
                Probe p;
                try {
                    p = Probe.read(file, running);
                } catch (IOException e) {
                    // ffprobe missing or not runnable: no file would fare better
                    if (error == null) {
                        LOG.log(Level.WARNING, "ffprobe could not run: {0}", e.toString());
                    }
                    error = "ffprobe could not run: " + e.getMessage();
                    cancelled = true;
                    break;
                }
                if (cancelled) break; // its process was ended by cancel(): not a finding
                probed.incrementAndGet();
                if (p == null) unreadable.incrementAndGet();
                write(new ProbeResult(t, p), false);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "VOD probe phase failed", e);
            error = String.valueOf(e.getMessage());
        } finally {
            if (workers.decrementAndGet() == 0) {
                try {
                    write(null, true);
                } finally {
                    end();
                }
            }
        }
    }

    /** Adds a result and writes the batch when it is full or old enough (or at the end). */
    private void write(ProbeResult result, boolean last) {
        List<ProbeResult> batch;
        synchronized (pending) {
            if (result != null) pending.add(result);
            long now = System.currentTimeMillis();
            if (pending.isEmpty()
                    || !(last || pending.size() >= BATCH || now - lastWrite >= WRITE_MILLIS)) {
                return;
            }
            batch = new ArrayList<>(pending);
            pending.clear();
            lastWrite = now;
        }
        if (cancelled) return;
        try {
            store.apply(batch);
        } catch (RuntimeException e) {
            // the database is away or the application is going: these files are probed next scan
            LOG.log(Level.WARNING, "VOD probe results not stored: {0}", e.toString());
        }
    }

    private void end() {
        if (!cancelled || error != null) {
            finishedAt = Instant.now();
            if (toProbe > 0) {
                LOG.info(
                        () ->
                                "VOD probe phase: "
                                        + probed.get()
                                        + " of "
                                        + toProbe
                                        + " files probed ("
                                        + unreadable.get()
                                        + " unreadable) in "
                                        + TimeUnit.NANOSECONDS.toMillis(
                                                System.nanoTime() - startedAt)
                                        + " ms"
                                        + (error == null ? "" : ": " + error));
            }
        }
        ended.countDown();
    }

    /** Ends the phase: the ffprobe processes running are ended, nothing more is written. */
    void cancel() {
        cancelled = true;
        for (Process p : running) {
            p.destroyForcibly();
        }
    }

    /** Waits until no worker runs any more (after {@link #cancel()}: a moment). */
    boolean awaitEnd(long millis) throws InterruptedException {
        return ended.await(millis, TimeUnit.MILLISECONDS);
    }

    boolean running() {
        return ended.getCount() > 0;
    }

    boolean cancelled() {
        return cancelled && error == null;
    }

    int toProbe() {
        return toProbe;
    }

    int probed() {
        return probed.get();
    }

    int unreadable() {
        return unreadable.get();
    }

    Instant finishedAt() {
        return finishedAt;
    }

    String error() {
        return error;
    }
}
