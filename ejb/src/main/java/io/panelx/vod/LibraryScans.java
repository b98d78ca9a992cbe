package io.panelx.vod;

import io.panelx.config.Settings;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.RejectedExecutionException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs library scans of {@code panelx.vod-root}, one at a time, in two phases. The library phase
 * (on the server's managed executor) walks the folder, reads names, .nfo files and posters outside
 * any transaction, then {@link VodLibrary#apply} stores the result in one: from then on the library
 * is ready, every movie listed and playable. The probe phase ({@link ProbePhase}, on the FFmpeg
 * executor, {@link Settings#vodProbes()} at once) then runs ffprobe for the files whose .nfo gave
 * no duration and video codec. A new scan does not wait for a probe phase: it cancels it (the next
 * probe phase takes up what was left), and so does undeployment. {@link #status()} shows both
 * phases' progress while they run and their outcome after.
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class LibraryScans {

    private static final Logger LOG = Logger.getLogger(LibraryScans.class.getName());

    /**
     * A scan's state. {@code running}: the library phase (walk, .nfo files, storing) runs; {@code
     * libraryReadyAt}: when it had stored the library. {@code probing}: the probe phase runs,
     * {@code filesProbed} of {@code toProbe} done (-1 before it started), {@code unreadable} of
     * them read nothing; {@code probesFinishedAt}: when it was done (null while it runs or when it
     * was cancelled: {@code probesCancelled}).
     */
    public record ScanStatus(
            boolean running,
            String root,
            Instant startedAt,
            Instant libraryReadyAt,
            int filesFound,
            boolean probing,
            int toProbe,
            int filesProbed,
            int unreadable,
            Instant probesFinishedAt,
            boolean probesCancelled,
            String probeError,
            VodLibrary.ScanOutcome outcome,
            String error) {}

    /** The ffprobe workers: long-running tasks, on the executor the FFmpeg processes use. */
    @Resource(lookup = "java:jboss/ee/concurrency/executor/panelx-ffmpeg")
    ManagedExecutorService probeThreads;

    @Resource ManagedExecutorService executor;
    @Inject VodLibrary library;

    /** One scan and what became of it; only its own thread writes it. */
    private static final class Run {
        final Path root;
        final Instant startedAt = Instant.now();
        volatile boolean running = true;
        volatile LibraryScanner scanner;
        volatile int files = -1;
        volatile Instant readyAt;
        volatile VodLibrary.ScanOutcome outcome;
        volatile String error;
        volatile ProbePhase probes;

        Run(Path root) {
            this.root = root;
        }
    }

    private volatile Run current;
    private volatile boolean closed;

    /** Starts a scan unless one runs (its library phase); returns the status either way. */
    public synchronized ScanStatus start() {
        Run last = current;
        if (last != null && last.running) {
            return status();
        }
        // A probe phase still running is cancelled, not waited for: this scan probes what it left.
        ProbePhase previous = last == null ? null : last.probes;
        if (previous != null) {
            previous.cancel();
        }
        var run = new Run(Settings.vodRoot());
        current = run;
        try {
            executor.execute(() -> scan(run, previous));
        } catch (RejectedExecutionException e) {
            run.error = "the server is busy, try again";
            run.running = false;
        }
        return status();
    }

    public ScanStatus status() {
        Run r = current;
        if (r == null) {
            return null;
        }
        LibraryScanner scanner = r.scanner;
        int files = r.files >= 0 || scanner == null ? r.files : scanner.total;
        ProbePhase p = r.probes;
        return new ScanStatus(
                r.running,
                r.root.toString(),
                r.startedAt,
                r.readyAt,
                files,
                p != null && p.running(),
                p == null ? -1 : p.toProbe(),
                p == null ? 0 : p.probed(),
                p == null ? 0 : p.unreadable(),
                p == null ? null : p.finishedAt(),
                p != null && p.cancelled(),
                p == null ? null : p.error(),
                r.outcome,
                r.error);
    }

    private void scan(Run run, ProbePhase previous) {
        try {
            // Its last batch may still be written: the new scan's transaction comes after it.
            if (previous != null && !previous.awaitEnd(30_000)) {
                LOG.warning("VOD probe phase of the last scan did not end in 30 s");
            }
            var scanner = new LibraryScanner(run.root, library.knownFiles());
            run.scanner = scanner;
            var found = scanner.scan();
            run.files = found.files();
            var outcome = library.apply(found);
            run.outcome = outcome;
            run.readyAt = Instant.now();
            LOG.info(
                    () ->
                            "VOD scan of "
                                    + run.root
                                    + ": the library is ready after "
                                    + java.time.Duration.between(run.startedAt, run.readyAt)
                                            .toMillis()
                                    + " ms, "
                                    + outcome);
            var probes = new ProbePhase(library.toProbe(), library::probed);
            run.probes = probes; // before running ends: the status shows probing at once
            run.running = false;
            if (closed) {
                probes.cancel();
            }
            probes.start(probeThreads, Settings.vodProbes());
        } catch (Exception e) {
            LOG.log(Level.WARNING, "VOD scan of " + run.root + " failed", e);
            run.error = String.valueOf(e.getMessage());
            if (e instanceof InterruptedException) Thread.currentThread().interrupt();
        } finally {
            run.running = false;
        }
    }

    /** Undeployment or shutdown: the ffprobe processes end, the workers stop. */
    @PreDestroy
    void close() {
        closed = true;
        Run r = current;
        ProbePhase p = r == null ? null : r.probes;
        if (p != null) {
            p.cancel();
            try {
                p.awaitEnd(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
