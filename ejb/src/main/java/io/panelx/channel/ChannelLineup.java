package io.panelx.channel;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The enabled channels and their categories as players list them, kept in memory: player apps ask
 * for the whole lineup at every start, and with thousands of channels a database round trip per
 * request would dominate. The snapshot is dropped when a channel or a category changes ({@link
 * ChannelChanged}, {@link CategoryChanged}) and rebuilt on the next read.
 */
@ApplicationScoped
public class ChannelLineup {

    /** A safety net only: every admin change drops the snapshot at once. */
    private static final Duration MAX_AGE = Duration.ofMinutes(10);

    @PersistenceContext EntityManager em;

    private final AtomicLong generation = new AtomicLong();
    private volatile Snapshot current;

    /** A channel as players see it. {@code categoryId} is null for an uncategorised channel. */
    /** {@code archiveHours}: the catch-up archive the channel keeps (0: none). */
    public record LiveChannel(
            long id,
            String name,
            Long categoryId,
            String logo,
            String epgId,
            Instant createdAt,
            int archiveHours) {}

    /** A category with a name, in the admin's order. */
    public record LiveCategory(long id, String name) {}

    /** One consistent view of the lineup; never changes once built. */
    public record Snapshot(
            List<LiveChannel> channels,
            Map<Long, LiveChannel> byId,
            List<LiveCategory> categories,
            Map<Long, LiveCategory> categoriesById,
            Instant builtAt) {

        public LiveChannel channel(long id) {
            return byId.get(id);
        }

        public String categoryName(Long id) {
            LiveCategory c = id == null ? null : categoriesById.get(id);
            return c == null ? null : c.name();
        }
    }

    public Snapshot snapshot() {
        Snapshot s = current;
        if (s != null && s.builtAt.plus(MAX_AGE).isAfter(Instant.now())) {
            return s;
        }
        return rebuild();
    }

    private synchronized Snapshot rebuild() {
        Snapshot s = current;
        if (s != null && s.builtAt.plus(MAX_AGE).isAfter(Instant.now())) {
            return s; // another thread rebuilt it while this one waited
        }
        long seen = generation.get();
        Snapshot fresh = load();
        // A change committed while loading may be missing from what was read: use it, don't keep
        // it.
        if (generation.get() == seen) {
            current = fresh;
        }
        return fresh;
    }

    private Snapshot load() {
        var categories = new ArrayList<LiveCategory>();
        var categoriesById = new HashMap<Long, LiveCategory>();
        for (Object[] row :
                em.createQuery(
                                "select c.id, c.name from Category c order by c.sortOrder, c.id",
                                Object[].class)
                        .getResultList()) {
            var c = new LiveCategory((Long) row[0], (String) row[1]);
            categories.add(c);
            categoriesById.put(c.id(), c);
        }
        var channels = new ArrayList<LiveChannel>();
        var byId = new HashMap<Long, LiveChannel>();
        for (Object[] row :
                em.createQuery(
                                "select c.id, c.name, cat.id, c.logo, c.epgId, c.createdAt,"
                                        + " c.archiveHours"
                                        + " from Channel c left join c.category cat"
                                        + " where c.enabled = true order by c.sortOrder, c.id",
                                Object[].class)
                        .getResultList()) {
            String epgId = (String) row[4];
            var channel =
                    new LiveChannel(
                            (Long) row[0],
                            (String) row[1],
                            (Long) row[2],
                            row[3] == null ? "" : (String) row[3],
                            epgId == null || epgId.isBlank() ? null : epgId,
                            (Instant) row[5],
                            (Integer) row[6]);
            channels.add(channel);
            byId.put(channel.id(), channel);
        }
        return new Snapshot(
                Collections.unmodifiableList(channels),
                Collections.unmodifiableMap(byId),
                Collections.unmodifiableList(categories),
                Collections.unmodifiableMap(categoriesById),
                Instant.now());
    }

    void channelChanged(@Observes(during = TransactionPhase.AFTER_SUCCESS) ChannelChanged event) {
        drop();
    }

    void categoryChanged(@Observes(during = TransactionPhase.AFTER_SUCCESS) CategoryChanged event) {
        drop();
    }

    private void drop() {
        generation.incrementAndGet();
        current = null;
    }
}
