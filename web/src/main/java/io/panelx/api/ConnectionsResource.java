package io.panelx.api;

import io.panelx.admin.InvalidInput;
import io.panelx.admin.NotFound;
import io.panelx.ledger.ConnectionHistory;
import io.panelx.ledger.ConnectionRecord;
import io.panelx.viewer.EndReason;
import io.panelx.viewer.Origin;
import jakarta.inject.Inject;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;

/** Connection history (the ledger), newest first, filtered by line, channel and time range. */
@jakarta.enterprise.context.RequestScoped
@Path("/connections")
@Produces(MediaType.APPLICATION_JSON)
public class ConnectionsResource {

    public record ConnectionView(
            String id,
            long lineId,
            String lineUsername,
            long channelId,
            String channelName,
            Origin origin,
            String clientIp,
            String userAgent,
            String format,
            Instant startedAt,
            Instant endedAt,
            long bytesSent,
            EndReason endReason) {
        static ConnectionView of(ConnectionRecord r) {
            return new ConnectionView(
                    r.getId(),
                    r.getLineId(),
                    r.getLineUsername(),
                    r.getChannelId(),
                    r.getChannelName(),
                    r.getOrigin(),
                    r.getClientIp(),
                    r.getUserAgent(),
                    r.getFormat(),
                    r.getStartedAt(),
                    r.getEndedAt(),
                    r.getBytesSent(),
                    r.getEndReason());
        }
    }

    @Inject ConnectionHistory history;

    @GET
    public List<ConnectionView> list(
            @BeanParam HistoryQuery query, @QueryParam("limit") @DefaultValue("500") String limit) {
        var filter = query.filter(number("limit", limit).intValue());
        return history.list(filter).stream().map(ConnectionView::of).toList();
    }

    @GET
    @Path("{id}")
    public ConnectionView get(@PathParam("id") String id) {
        ConnectionRecord r = history.find(id);
        if (r == null) {
            throw new NotFound("no connection with id " + id);
        }
        return ConnectionView.of(r);
    }

    static Long number(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            long n = Long.parseLong(value.trim());
            if (n < 0) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new InvalidInput(name + " must be a non-negative number");
        }
    }

    static Instant instant(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw new InvalidInput(
                    name + " must be an ISO-8601 instant, e.g. 2026-01-31T12:00:00Z");
        }
    }
}
