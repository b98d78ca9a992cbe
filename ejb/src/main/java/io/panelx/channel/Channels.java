package io.panelx.channel;

import io.panelx.admin.Conflict;
import io.panelx.admin.InvalidInput;
import io.panelx.admin.NotFound;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.logging.Logger;

/** Channels and categories: listing and admin changes. Channel changes fire ChannelChanged. */
@Stateless
public class Channels {

    private static final Logger LOG = Logger.getLogger(Channels.class.getName());

    @PersistenceContext EntityManager em;
    @Inject Event<ChannelChanged> changed;
    @Inject Event<CategoryChanged> categoryChanged;
    @Inject IngestPorts ingestPorts;

    public List<Channel> list() {
        return em.createQuery("select c from Channel c order by c.sortOrder, c.id", Channel.class)
                .getResultList();
    }

    /** The channel, or null: callers on the stream path answer 404 themselves. */
    public Channel find(long id) {
        return em.find(Channel.class, id);
    }

    public Channel get(long id) {
        Channel c = find(id);
        if (c == null) {
            throw new NotFound("no channel with id " + id);
        }
        return c;
    }

    public Channel create(ChannelForm form) {
        if (form == null || form.name() == null || form.name().isBlank()) {
            throw new InvalidInput("name is required");
        }
        if (form.sources() == null || form.sources().isEmpty()) {
            throw new InvalidInput("at least one source URL is required");
        }
        var channel = new Channel();
        apply(channel, form);
        em.persist(channel);
        em.flush();
        changed.fire(new ChannelChanged(channel.id, false));
        return channel;
    }

    public Channel update(long id, ChannelForm form) {
        if (form == null) {
            throw new InvalidInput("a JSON body is required");
        }
        Channel channel = get(id);
        apply(channel, form);
        em.flush();
        changed.fire(new ChannelChanged(id, false));
        return channel;
    }

    public void delete(long id) {
        Channel channel = get(id);
        em.remove(channel);
        em.flush();
        changed.fire(new ChannelChanged(id, true));
    }

    private void apply(Channel c, ChannelForm form) {
        if (form.name() != null) {
            if (form.name().isBlank() || form.name().length() > 200) {
                throw new InvalidInput("name must be 1-200 characters");
            }
            c.name = form.name().trim();
        }
        if (form.categoryId() != null) {
            c.category = getCategory(form.categoryId());
        }
        if (form.logo() != null) c.logo = form.logo().trim();
        if (form.epgId() != null) c.epgId = form.epgId().trim();
        if (form.deliveryMode() != null) c.deliveryMode = form.deliveryMode();
        if (form.ffmpegProfile() != null) c.ffmpegProfile = form.ffmpegProfile();
        if (form.onDemand() != null) c.onDemand = form.onDemand();
        if (form.enabled() != null) c.enabled = form.enabled();
        if (form.sortOrder() != null) c.sortOrder = form.sortOrder();
        List<String> sources = form.sources() != null ? form.sources() : List.copyOf(c.sources);
        if (sources.isEmpty()) {
            throw new InvalidInput("at least one source URL is required");
        }
        if (sources.size() > 20) {
            throw new InvalidInput("at most 20 sources per channel");
        }
        var checked = new ArrayList<String>();
        for (String s : sources) {
            checked.add(SourceUrl.validate(s, c.deliveryMode));
        }
        c.setSources(checked);
        ingestPorts.assign(c);
    }

    /**
     * Gives every channel with a push source a port of the configured range: channels saved before
     * ports were stored, and channels whose port lies outside a changed range. Run at start.
     *
     * @return how many channels changed
     */
    public int assignIngestPorts() {
        int changedCount = 0;
        List<Channel> candidates =
                em.createQuery(
                                "select distinct c from Channel c left join c.sources s"
                                        + " where c.ingestPort is not null"
                                        + " or lower(s) like 'push:%' order by c.id",
                                Channel.class)
                        .getResultList();
        for (Channel c : candidates) {
            Integer before = c.ingestPort;
            try {
                ingestPorts.assign(c);
            } catch (Conflict e) {
                c.ingestPort = null; // it cannot start until a port is free: say why
                LOG.warning(
                        () -> "Channel " + c.id + " has no RTMP ingest port: " + e.getMessage());
            }
            if (!Objects.equals(before, c.ingestPort)) {
                em.flush();
                changedCount++;
                changed.fire(new ChannelChanged(c.id, false));
                LOG.info(() -> "Channel " + c.id + " RTMP ingest port: " + c.ingestPort);
            }
        }
        return changedCount;
    }

    // --- categories

    public List<Category> categories() {
        return em.createQuery("select c from Category c order by c.sortOrder, c.id", Category.class)
                .getResultList();
    }

    public Category getCategory(long id) {
        Category c = em.find(Category.class, id);
        if (c == null) {
            throw new NotFound("no category with id " + id);
        }
        return c;
    }

    public Category findCategoryByName(String name) {
        return em.createQuery("select c from Category c where c.name = :n", Category.class)
                .setParameter("n", name)
                .getResultStream()
                .findFirst()
                .orElse(null);
    }

    public Category createCategory(String name, Integer sortOrder) {
        var category =
                new Category(checkedCategoryName(name, null), sortOrder == null ? 0 : sortOrder);
        em.persist(category);
        em.flush();
        categoryChanged.fire(new CategoryChanged(category.id));
        return category;
    }

    public Category updateCategory(long id, String name, Integer sortOrder) {
        Category c = getCategory(id);
        if (name != null) c.name = checkedCategoryName(name, id);
        if (sortOrder != null) c.sortOrder = sortOrder;
        em.flush();
        categoryChanged.fire(new CategoryChanged(id));
        return c;
    }

    public void deleteCategory(long id) {
        Category c = getCategory(id);
        em.createQuery("update Channel ch set ch.category = null where ch.category = :c")
                .setParameter("c", c)
                .executeUpdate();
        em.remove(c);
        em.flush();
        categoryChanged.fire(new CategoryChanged(id));
    }

    private String checkedCategoryName(String name, Long id) {
        if (name == null || name.isBlank() || name.length() > 200) {
            throw new InvalidInput("category name must be 1-200 characters");
        }
        Category other = findCategoryByName(name.trim());
        if (other != null && !other.getId().equals(id)) {
            throw new Conflict("category name already taken: " + name.trim());
        }
        return name.trim();
    }
}
