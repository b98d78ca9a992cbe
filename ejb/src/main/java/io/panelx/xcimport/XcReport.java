package io.panelx.xcimport;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What an import did (or, in a dry run, would do): per kind, rows read, created, already imported
 * and skipped; skipped rows with the reason (listed up to a limit, counted always); warnings.
 * Written by the import's one thread, read by status requests.
 */
public final class XcReport {

    static final int MAX_LISTED = 1000;

    public record Counts(long read, long created, long unchanged, long skipped) {}

    public record SkippedRow(String kind, long xcId, String reason) {}

    /** The report as the API shows it. */
    public record Summary(
            Map<String, Counts> kinds,
            Map<String, Long> skippedByReason,
            List<SkippedRow> skipped,
            List<String> warnings) {}

    private static final class Tally {
        final AtomicLong read = new AtomicLong(),
                created = new AtomicLong(),
                unchanged = new AtomicLong(),
                skipped = new AtomicLong();
    }

    private final Map<XcKind, Tally> tallies = new EnumMap<>(XcKind.class);
    private final Map<String, Long> byReason = new LinkedHashMap<>();
    private final List<SkippedRow> skipped = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();

    XcReport() {
        for (XcKind k : XcKind.values()) tallies.put(k, new Tally());
    }

    void read(XcKind kind) {
        tallies.get(kind).read.incrementAndGet();
    }

    void created(XcKind kind, long n) {
        tallies.get(kind).created.addAndGet(n);
    }

    void unchanged(XcKind kind, long n) {
        tallies.get(kind).unchanged.addAndGet(n);
    }

    synchronized void skipped(XcKind kind, long xcId, String reason, boolean list) {
        tallies.get(kind).skipped.incrementAndGet();
        byReason.merge(kind.key + ": " + reason, 1L, Long::sum);
        if (list && skipped.size() < MAX_LISTED) {
            skipped.add(new SkippedRow(kind.key, xcId, reason));
        }
    }

    synchronized void warn(String warning) {
        if (warnings.size() < MAX_LISTED) warnings.add(warning);
    }

    long created(XcKind kind) {
        return tallies.get(kind).created.get();
    }

    synchronized Summary summary() {
        var kinds = new LinkedHashMap<String, Counts>();
        tallies.forEach(
                (k, t) ->
                        kinds.put(
                                k.key,
                                new Counts(
                                        t.read.get(),
                                        t.created.get(),
                                        t.unchanged.get(),
                                        t.skipped.get())));
        return new Summary(
                kinds, Map.copyOf(byReason), List.copyOf(skipped), List.copyOf(warnings));
    }
}
