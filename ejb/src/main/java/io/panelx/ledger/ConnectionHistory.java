package io.panelx.ledger;

import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Reads the connection history, newest first, with optional filters. */
@Stateless
public class ConnectionHistory {

    public static final int MAX_LIMIT = 5000;

    @PersistenceContext EntityManager em;

    /**
     * Filters: null means "any". {@code from}/{@code to} bound the start time. A record's {@code
     * channelId} holds a movie's or an episode's id when its format says so, so an item is a kind
     * and an id: {@code channel} (live, HLS, timeshift), {@code movie} or {@code episode}.
     */
    public record Filter(
            Long lineId,
            String itemKind,
            Long itemId,
            Instant from,
            Instant to,
            Boolean open,
            int limit) {}

    public List<ConnectionRecord> list(Filter f) {
        var where = new ArrayList<String>();
        if (f.lineId() != null) where.add("r.lineId = :line");
        if (f.itemId() != null) {
            where.add("r.channelId = :item");
            where.add(
                    switch (f.itemKind()) {
                        case "movie" -> "r.format = 'movie'";
                        case "episode" -> "r.format = 'episode'";
                        default -> "(r.format is null or r.format not in ('movie', 'episode'))";
                    });
        }
        if (f.from() != null) where.add("r.startedAt >= :from");
        if (f.to() != null) where.add("r.startedAt < :to");
        if (f.open() != null) where.add(f.open() ? "r.endedAt is null" : "r.endedAt is not null");
        String jpql =
                "select r from ConnectionRecord r"
                        + (where.isEmpty() ? "" : " where " + String.join(" and ", where))
                        + " order by r.startedAt desc";
        var q = em.createQuery(jpql, ConnectionRecord.class);
        if (f.lineId() != null) q.setParameter("line", f.lineId());
        if (f.itemId() != null) q.setParameter("item", f.itemId());
        if (f.from() != null) q.setParameter("from", f.from());
        if (f.to() != null) q.setParameter("to", f.to());
        return q.setMaxResults(Math.max(1, Math.min(f.limit(), MAX_LIMIT))).getResultList();
    }

    public ConnectionRecord find(String id) {
        return em.find(ConnectionRecord.class, id);
    }
}
