package io.panelx.xcimport;

import io.panelx.admin.PasswordHash;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Logger;

/**
 * One run of the import, on its own thread: categories, then streams, bouquets and lines (each
 * needs the ids of the ones before). Rows are read in batches and every batch is committed by
 * XcWriter in its own transaction. A dry run reads and checks the same, and writes nothing.
 */
final class XcImportJob implements Runnable {

    private static final Logger LOG = Logger.getLogger(XcImportJob.class.getName());

    static final int SMALL_BATCH = 200;
    static final int LINE_BATCH = 500;

    private final XcImportRequest request;
    private final XcWriter writer;
    private final XcReport report = new XcReport();
    private final Instant startedAt = Instant.now();

    private volatile String state = "RUNNING";
    private volatile String phase = "connecting";
    private volatile long read;
    private volatile long total;
    private volatile Instant finishedAt;
    private volatile String error;

    /** XC id to PanelX id; in a dry run, -1 for what would be created. */
    private final Map<Long, Long> categoryIds = new HashMap<>();

    private final Map<Long, Long> channelIds = new HashMap<>();
    private final Map<Long, Long> bouquetIds = new HashMap<>();
    private boolean explicitChannelIds;

    XcImportJob(XcImportRequest request, XcWriter writer) {
        this.request = request;
        this.writer = writer;
    }

    XcImportStatus status() {
        return new XcImportStatus(
                state,
                request.isDryRun(),
                phase,
                read,
                total,
                startedAt,
                finishedAt,
                error,
                report.summary());
    }

    boolean running() {
        return "RUNNING".equals(state);
    }

    @Override
    public void run() {
        String password = request.password();
        try (XcDatabase xc = XcDatabase.open(request.url().trim(), request.user(), password)) {
            String linesTable = xc.linesTable();
            for (String t : new String[] {"streams_categories", "streams", "bouquets"}) {
                if (!xc.hasTable(t)) {
                    throw new IllegalStateException("not an XC database: it has no table " + t);
                }
            }
            if (linesTable == null) {
                throw new IllegalStateException("not an XC database: it has no table lines");
            }
            total =
                    xc.count("streams_categories")
                            + xc.count("streams")
                            + xc.count("bouquets")
                            + xc.count(linesTable);
            LOG.info(
                    () ->
                            "XC import from "
                                    + request.url()
                                    + (request.isDryRun() ? " (dry run)" : "")
                                    + ": "
                                    + total
                                    + " rows");
            categories(xc);
            channels(xc);
            bouquets(xc);
            lines(xc, linesTable);
            state = "DONE";
            LOG.info(() -> "XC import done: " + report.summary().kinds());
        } catch (Exception | LinkageError e) {
            error = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            state = "FAILED";
            LOG.warning(() -> "XC import failed in phase " + phase + ": " + error);
        } finally {
            finishedAt = Instant.now();
        }
    }

    // --- categories

    private void categories(XcDatabase xc) throws Exception {
        phase = "categories";
        categoryIds.putAll(writer.mapping(XcKind.CATEGORY));
        var batch = new ArrayList<XcPlan.Category>();
        xc.each(
                "streams_categories",
                row -> {
                    read++;
                    long id = row.id();
                    try {
                        XcPlan.Category c = XcPlan.category(row);
                        if (c == null)
                            return; // a VOD, series or radio category: not a channel group
                        report.read(XcKind.CATEGORY);
                        if (categoryIds.containsKey(id)) {
                            report.unchanged(XcKind.CATEGORY, 1);
                            return;
                        }
                        batch.add(c);
                    } catch (Malformed m) {
                        report.read(XcKind.CATEGORY);
                        report.skipped(XcKind.CATEGORY, id, m.getMessage(), true);
                    }
                    if (batch.size() >= SMALL_BATCH) flushCategories(batch);
                });
        flushCategories(batch);
    }

    private void flushCategories(List<XcPlan.Category> batch) throws Exception {
        if (batch.isEmpty()) return;
        if (request.isDryRun()) {
            var names = new HashSet<String>();
            var existing =
                    writer.categoriesByName(batch.stream().map(XcPlan.Category::name).toList());
            for (XcPlan.Category c : batch) {
                categoryIds.put(c.xcId(), -1L);
                if (!existing.containsKey(c.name()) && names.add(c.name())) {
                    report.created(XcKind.CATEGORY, 1);
                }
            }
        } else {
            report.created(XcKind.CATEGORY, writer.categories(List.copyOf(batch), categoryIds));
        }
        batch.clear();
    }

    // --- streams

    private void channels(XcDatabase xc) throws Exception {
        phase = "streams";
        channelIds.putAll(writer.mapping(XcKind.STREAM));
        var batch = new ArrayList<XcPlan.Channel>();
        xc.each(
                "streams",
                row -> {
                    read++;
                    report.read(XcKind.STREAM);
                    long id = row.id();
                    if (channelIds.containsKey(id)) {
                        report.unchanged(XcKind.STREAM, 1);
                        return;
                    }
                    try {
                        batch.add(XcPlan.channel(row));
                    } catch (Malformed m) {
                        report.skipped(XcKind.STREAM, id, m.getMessage(), true);
                    } catch (XcPlan.Unsupported u) {
                        report.skipped(XcKind.STREAM, id, u.getMessage(), false);
                    }
                    if (batch.size() >= SMALL_BATCH) flushChannels(batch);
                });
        flushChannels(batch);
        if (explicitChannelIds && !request.isDryRun()) {
            writer.moveChannelIdsPastMax();
        }
    }

    private void flushChannels(List<XcPlan.Channel> batch) throws Exception {
        if (batch.isEmpty()) return;
        Map<Long, String> taken =
                writer.channelsWithIds(batch.stream().map(XcPlan.Channel::xcId).toList());
        var out = new ArrayList<XcWriter.NewChannel>();
        for (XcPlan.Channel c : batch) {
            Long categoryId = null;
            for (Long xcCategory : c.xcCategoryIds()) {
                Long mapped = categoryIds.get(xcCategory);
                if (mapped != null) {
                    categoryId = mapped;
                    break;
                }
            }
            Long id = c.xcId();
            if (taken.containsKey(id)) {
                report.warn(
                        "stream "
                                + c.xcId()
                                + " ("
                                + c.name()
                                + "): PanelX channel "
                                + id
                                + " ("
                                + taken.get(id)
                                + ") has its id, so it gets a new id and players must reload"
                                + " their playlists for it");
                id = null;
            } else {
                explicitChannelIds = true;
            }
            out.add(
                    new XcWriter.NewChannel(
                            c, id, categoryId == null || categoryId < 0 ? null : categoryId));
        }
        if (request.isDryRun()) {
            out.forEach(n -> channelIds.put(n.plan().xcId(), -1L));
        } else {
            channelIds.putAll(writer.channels(out));
        }
        report.created(XcKind.STREAM, out.size());
        batch.clear();
    }

    // --- bouquets

    private void bouquets(XcDatabase xc) throws Exception {
        phase = "bouquets";
        bouquetIds.putAll(writer.mapping(XcKind.BOUQUET));
        var batch = new ArrayList<XcPlan.Bouquet>();
        xc.each(
                "bouquets",
                row -> {
                    read++;
                    report.read(XcKind.BOUQUET);
                    long id = row.id();
                    if (bouquetIds.containsKey(id)) {
                        report.unchanged(XcKind.BOUQUET, 1);
                        return;
                    }
                    try {
                        batch.add(XcPlan.bouquet(row));
                    } catch (Malformed m) {
                        report.skipped(XcKind.BOUQUET, id, m.getMessage(), true);
                    }
                    if (batch.size() >= SMALL_BATCH) flushBouquets(batch);
                });
        flushBouquets(batch);
    }

    private void flushBouquets(List<XcPlan.Bouquet> batch) throws Exception {
        if (batch.isEmpty()) return;
        if (request.isDryRun()) {
            batch.forEach(b -> bouquetIds.put(b.xcId(), -1L));
        } else {
            bouquetIds.putAll(writer.bouquets(List.copyOf(batch), channelIds));
        }
        report.created(XcKind.BOUQUET, batch.size());
        batch.clear();
    }

    // --- lines

    private void lines(XcDatabase xc, String table) throws Exception {
        phase = "lines";
        var batch = new ArrayList<XcPlan.Line>();
        xc.each(
                table,
                row -> {
                    read++;
                    report.read(XcKind.LINE);
                    long id = row.id();
                    try {
                        batch.add(XcPlan.line(row));
                    } catch (Malformed m) {
                        report.skipped(XcKind.LINE, id, m.getMessage(), true);
                    } catch (XcPlan.Unsupported u) {
                        report.skipped(XcKind.LINE, id, u.getMessage(), false);
                    }
                    if (batch.size() >= LINE_BATCH) flushLines(batch);
                });
        flushLines(batch);
    }

    private void flushLines(List<XcPlan.Line> batch) throws Exception {
        if (batch.isEmpty()) return;
        Map<Long, Long> mapped =
                writer.mapped(XcKind.LINE, batch.stream().map(XcPlan.Line::xcId).toList());
        var fresh = new ArrayList<XcPlan.Line>();
        for (XcPlan.Line l : batch) {
            if (mapped.containsKey(l.xcId())) report.unchanged(XcKind.LINE, 1);
            else fresh.add(l);
        }
        Set<String> taken =
                writer.usernamesTaken(fresh.stream().map(XcPlan.Line::username).toList());
        var seen = new LinkedHashSet<String>();
        var accepted = new ArrayList<XcPlan.Line>();
        for (XcPlan.Line l : fresh) {
            if (taken.contains(l.username()) || !seen.add(l.username())) {
                report.skipped(
                        XcKind.LINE,
                        l.xcId(),
                        "username " + l.username() + " is already used by another PanelX line",
                        true);
            } else {
                accepted.add(l);
            }
        }
        if (!request.isDryRun() && !accepted.isEmpty()) {
            // PBKDF2 dominates the import: hash on every core (the rest of the batch waits).
            List<XcWriter.NewLine> hashed =
                    accepted.parallelStream()
                            .map(
                                    l -> {
                                        var h =
                                                PasswordHash.create(
                                                        l.password(), PasswordHash.LINE_ITERATIONS);
                                        var refs = new LinkedHashSet<Long>();
                                        for (Long b : l.xcBouquetIds()) {
                                            Long id = bouquetIds.get(b);
                                            if (id != null) refs.add(id);
                                        }
                                        return new XcWriter.NewLine(l, h.hash(), h.salt(), refs);
                                    })
                            .toList();
            writer.lines(hashed);
        }
        report.created(XcKind.LINE, accepted.size());
        batch.clear();
    }
}
