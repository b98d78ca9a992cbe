package io.panelx.bouquet;

import io.panelx.admin.InvalidInput;
import io.panelx.admin.NotFound;
import io.panelx.channel.Bouquet;
import io.panelx.channel.Channel;
import io.panelx.line.LineChanged;
import io.panelx.vod.Movie;
import io.panelx.vod.Series;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import java.util.Set;

/**
 * Creating, changing and deleting named bouquets. A change reaches the lines that hold the bouquet
 * through {@link LineChanged} (their cached copies are dropped, here and on the other nodes).
 */
@Stateless
public class Bouquets {

    @PersistenceContext EntityManager em;
    @Inject Event<LineChanged> lineChanged;

    public List<Bouquet> list() {
        return em.createQuery("select b from Bouquet b order by b.sortOrder, b.id", Bouquet.class)
                .getResultList();
    }

    public Bouquet get(long id) {
        Bouquet b = em.find(Bouquet.class, id);
        if (b == null) {
            throw new NotFound("no bouquet with id " + id);
        }
        return b;
    }

    public Bouquet create(BouquetForm form) {
        if (form == null || form.name() == null) {
            throw new InvalidInput("name is required");
        }
        var b = new Bouquet(name(form.name()), 0);
        apply(b, form);
        em.persist(b);
        em.flush();
        return b; // no line holds it yet
    }

    public Bouquet update(long id, BouquetForm form) {
        if (form == null) {
            throw new InvalidInput("a JSON body is required");
        }
        Bouquet b = get(id);
        apply(b, form);
        em.flush();
        holders(id).forEach(lineChanged::fire);
        return b;
    }

    public void delete(long id) {
        Bouquet b = get(id);
        List<LineChanged> holders = holders(id);
        em.remove(b); // the database drops the lines' references (ON DELETE CASCADE)
        em.flush();
        holders.forEach(lineChanged::fire);
    }

    private void apply(Bouquet b, BouquetForm form) {
        if (form.name() != null) b.setName(name(form.name()));
        if (form.sortOrder() != null) b.setSortOrder(form.sortOrder());
        if (form.channels() != null) replace(b.getChannels(), form.channels(), Channel.class);
        if (form.movies() != null) replace(b.getMovies(), form.movies(), Movie.class);
        if (form.series() != null) replace(b.getSeries(), form.series(), Series.class);
    }

    private void replace(Set<Long> target, Set<Long> ids, Class<?> kind) {
        for (Long id : ids) {
            if (id == null || em.find(kind, id) == null) {
                throw new InvalidInput(
                        "bouquet names an unknown "
                                + kind.getSimpleName().toLowerCase()
                                + ": "
                                + id);
            }
        }
        target.clear();
        target.addAll(ids);
    }

    private static String name(String value) {
        String n = value.strip();
        if (n.isEmpty() || n.length() > 200) {
            throw new InvalidInput("name must be 1-200 characters");
        }
        return n;
    }

    /** The lines that hold the bouquet: what they may watch changes with it. */
    private List<LineChanged> holders(long bouquetId) {
        return em
                .createQuery(
                        "select l.id, l.username from Line l join l.bouquets b where b.id = :id",
                        Object[].class)
                .setParameter("id", bouquetId)
                .getResultList()
                .stream()
                .map(h -> new LineChanged((Long) h[0], (String) h[1]))
                .toList();
    }
}
