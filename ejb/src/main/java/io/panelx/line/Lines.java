package io.panelx.line;

import io.panelx.admin.Conflict;
import io.panelx.admin.InvalidInput;
import io.panelx.admin.NotFound;
import io.panelx.channel.Bouquet;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;

/** Creating, changing and deleting lines. Every change fires {@link LineChanged}. */
@Stateless
public class Lines {

    @PersistenceContext EntityManager em;
    @Inject Event<LineChanged> changed;

    public List<Line> list() {
        return em.createQuery("select l from Line l order by l.id", Line.class).getResultList();
    }

    public Line get(long id) {
        Line line = em.find(Line.class, id);
        if (line == null) {
            throw new NotFound("no line with id " + id);
        }
        return line;
    }

    public Line findByUsername(String username) {
        // No account has control characters in its name, and PostgreSQL refuses a NUL in a
        // query parameter with an error: a hostile name is simply unknown.
        if (username == null || username.chars().anyMatch(Character::isISOControl)) {
            return null;
        }
        return em.createQuery("select l from Line l where l.username = :u", Line.class)
                .setParameter("u", username)
                .getResultStream()
                .findFirst()
                .orElse(null);
    }

    public Line create(LineForm form) {
        if (form == null || isBlank(form.username()) || isBlank(form.password())) {
            throw new InvalidInput("username and password are required");
        }
        var line = new Line();
        apply(line, form);
        em.persist(line);
        em.flush();
        changed.fire(new LineChanged(line.id, line.username));
        return line;
    }

    public Line update(long id, LineForm form) {
        if (form == null) {
            throw new InvalidInput("a JSON body is required");
        }
        Line line = get(id);
        String oldUsername = line.username;
        apply(line, form);
        em.flush();
        changed.fire(new LineChanged(line.id, oldUsername));
        changed.fire(new LineChanged(line.id, line.username));
        return line;
    }

    public void delete(long id) {
        Line line = get(id);
        em.remove(line);
        em.flush();
        changed.fire(new LineChanged(id, line.username));
    }

    private void apply(Line line, LineForm form) {
        if (form.username() != null) {
            String username = form.username().trim();
            if (!username.matches("[A-Za-z0-9._@-]{1,64}")) {
                throw new InvalidInput(
                        "username must be 1-64 characters of letters, digits, '.', '_', '@', '-'");
            }
            Line other = findByUsername(username);
            if (other != null && !other.getId().equals(line.id)) {
                throw new Conflict("username already taken: " + username);
            }
            line.username = username;
        }
        if (form.password() != null) {
            if (form.password().isEmpty()
                    || form.password().length() > 128
                    || form.password().contains("/")) {
                throw new InvalidInput("password must be 1-128 characters without '/'");
            }
            line.setPassword(form.password());
        }
        if (form.enabled() != null) line.enabled = form.enabled();
        if (form.banned() != null) line.banned = form.banned();
        if (Boolean.TRUE.equals(form.neverExpires())) {
            line.expiresAt = null;
        } else if (form.expiresAt() != null) {
            line.expiresAt = form.expiresAt();
        }
        if (form.maxConnections() != null) {
            if (form.maxConnections() < 1 || form.maxConnections() > 100_000) {
                throw new InvalidInput("maxConnections must be between 1 and 100000");
            }
            line.maxConnections = form.maxConnections();
        }
        if (form.allowedIps() != null) {
            CidrList.parse(form.allowedIps());
            line.allowedIps = form.allowedIps().trim();
        }
        if (form.allowedUserAgents() != null) {
            line.allowedUserAgents = form.allowedUserAgents().trim();
        }
        if (form.trial() != null) line.trial = form.trial();
        if (form.bouquet() != null) {
            for (Long channelId : form.bouquet()) {
                if (channelId == null
                        || em.find(io.panelx.channel.Channel.class, channelId) == null) {
                    throw new InvalidInput("bouquet names an unknown channel: " + channelId);
                }
            }
            line.setBouquet(form.bouquet());
        }
        if (form.bouquets() != null) {
            var named = new java.util.HashSet<Bouquet>();
            for (Long bouquetId : form.bouquets()) {
                Bouquet b = bouquetId == null ? null : em.find(Bouquet.class, bouquetId);
                if (b == null) {
                    throw new InvalidInput("bouquets names an unknown bouquet: " + bouquetId);
                }
                named.add(b);
            }
            line.setBouquets(named);
        }
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
