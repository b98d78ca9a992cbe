package io.panelx.ledger;

import io.panelx.viewer.EndReason;
import io.panelx.viewer.Origin;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * One viewer connection, open or ended: the panel's history of who watched what. Written only by
 * the ledger (plain JDBC, see LedgerStore); read here.
 */
@Entity
@Table(name = "connection_record")
public class ConnectionRecord {

    @Id String id;

    @Column(name = "line_id")
    long lineId;

    @Column(name = "line_username")
    String lineUsername;

    @Column(name = "channel_id")
    long channelId;

    @Column(name = "channel_name")
    String channelName;

    @Enumerated(EnumType.STRING)
    Origin origin;

    @Column(name = "client_ip")
    String clientIp;

    @Column(name = "user_agent")
    String userAgent;

    String format;

    @Column(name = "started_at")
    Instant startedAt;

    @Column(name = "ended_at")
    Instant endedAt;

    @Column(name = "bytes_sent")
    long bytesSent;

    @Enumerated(EnumType.STRING)
    @Column(name = "end_reason")
    EndReason endReason;

    /** The cluster node that served the connection (a single server's own name). */
    String node;

    protected ConnectionRecord() {}

    public String getNode() {
        return node;
    }

    public String getId() {
        return id;
    }

    public long getLineId() {
        return lineId;
    }

    public String getLineUsername() {
        return lineUsername;
    }

    public long getChannelId() {
        return channelId;
    }

    public String getChannelName() {
        return channelName;
    }

    public Origin getOrigin() {
        return origin;
    }

    public String getClientIp() {
        return clientIp;
    }

    public String getUserAgent() {
        return userAgent;
    }

    public String getFormat() {
        return format;
    }

    public Instant getStartedAt() {
        return startedAt;
    }

    public Instant getEndedAt() {
        return endedAt;
    }

    public long getBytesSent() {
        return bytesSent;
    }

    public EndReason getEndReason() {
        return endReason;
    }
}
