package io.panelx.delivery;

import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;

/**
 * One Feed per running channel, and the registry of viewer sessions. (Being implemented: the
 * signatures below are the contract other packages code against.)
 */
@Singleton
@Startup
@DependsOn("LedgerWriter")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class ChannelHub {

    /** Streams the line holds open right now (Xtream active_cons, max-connections). */
    public int activeConnections(long lineId) {
        return 0;
    }

    /** Ends one connection with KILLED_BY_ADMIN; false when it is not (or no longer) open. */
    public boolean kill(String connectionId) {
        return false;
    }

    /** Ends every connection of a line with KILLED_BY_ADMIN; returns how many. */
    public int killLine(long lineId) {
        return 0;
    }

    /** Starts the channel's Feed (and its Source) if it is not running. NotFound if unknown. */
    public void start(long channelId) {}

    /** Stops the channel's Feed; its viewers end with CHANNEL_STOPPED. */
    public void stop(long channelId) {}

    /** Restarts the channel's Source; viewers stay connected and see the stream resume. */
    public void restart(long channelId) {}
}
