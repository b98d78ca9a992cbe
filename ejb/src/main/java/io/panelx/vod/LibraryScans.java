package io.panelx.vod;

import io.panelx.config.Settings;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs library scans of {@code panelx.vod-root}, one at a time, on the server's managed executor:
 * the walk and ffprobe run outside any transaction, then {@link VodLibrary#apply} stores the result
 * in one. {@link #status()} shows the progress while it runs and the outcome after.
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class LibraryScans {

    private static final Logger LOG = Logger.getLogger(LibraryScans.class.getName());

    /** ffprobe processes at once: start-up dominates a probe, so a few run side by side. */
    private static final int PROBES_AT_ONCE =
            Math.max(2, Math.min(8, Runtime.getRuntime().availableProcessors() * 2));

    /** A scan's state: running or finished (then with its outcome or its error). */
    public record ScanStatus(
            boolean running,
            String root,
            Instant startedAt,
            Instant finishedAt,
            int filesFound,
            int filesProbed,
            VodLibrary.ScanOutcome outcome,
            String error) {}

    @Resource ManagedExecutorService executor;
    @Inject VodLibrary library;

    private final AtomicReference<ScanStatus> last = new AtomicReference<>();
    private volatile LibraryScanner current;
    private final AtomicInteger probedCount = new AtomicInteger();

    /** Starts a scan unless one runs; returns the status either way. */
    public synchronized ScanStatus start() {
        ScanStatus now = status();
        if (now != null && now.running()) {
            return now;
        }
        Path root = Settings.vodRoot();
        Instant started = Instant.now();
        probedCount.set(0);
        var scanner =
                new LibraryScanner(
                        root,
                        library.knownFiles(),
                        Probe::of,
                        executor,
                        PROBES_AT_ONCE,
                        probedCount);
        current = scanner;
        last.set(new ScanStatus(true, root.toString(), started, null, -1, 0, null, null));
        try {
            executor.execute(() -> run(scanner, root, started));
        } catch (RejectedExecutionException e) {
            current = null;
            last.set(finished(root, started, -1, null, "the server is busy, try again"));
        }
        return status();
    }

    public ScanStatus status() {
        ScanStatus s = last.get();
        LibraryScanner scanner = current;
        if (s != null && s.running() && scanner != null) {
            return new ScanStatus(
                    true,
                    s.root(),
                    s.startedAt(),
                    null,
                    scanner.total,
                    probedCount.get(),
                    null,
                    null);
        }
        return s;
    }

    private void run(LibraryScanner scanner, Path root, Instant started) {
        try {
            var found = scanner.scan();
            var outcome = library.apply(found);
            last.set(finished(root, started, found.files(), outcome, null));
            LOG.info(() -> "VOD scan of " + root + ": " + outcome);
        } catch (Exception e) {
            LOG.log(Level.WARNING, "VOD scan of " + root + " failed", e);
            last.set(finished(root, started, scanner.total, null, String.valueOf(e.getMessage())));
        } finally {
            current = null;
        }
    }

    private ScanStatus finished(
            Path root, Instant started, int files, VodLibrary.ScanOutcome outcome, String error) {
        return new ScanStatus(
                false,
                root.toString(),
                started,
                Instant.now(),
                files,
                probedCount.get(),
                outcome,
                error);
    }
}
