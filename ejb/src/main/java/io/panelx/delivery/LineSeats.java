package io.panelx.delivery;

import io.panelx.viewer.EndReason;
import java.util.List;

/**
 * A line's seats across a cluster: the connections the line holds open on every node, oldest first,
 * so that max connections is exact however a balancer spreads a line's players over the nodes. A
 * single server has nothing to share ({@link #shared()} is false) and ViewerAdmission counts its
 * own sessions; io.panelx.cluster implements this for cluster nodes.
 *
 * <p>A session whose seat is gone (another node evicted it, an admin of another node killed it) is
 * ended by its own node at the next delivery tick: the seat list is the one truth, every node
 * reconciles its sessions against it.
 */
public interface LineSeats {

    /** False on a single server: nothing else is asked then. */
    boolean shared();

    /**
     * Takes a seat of the line for the connection, cluster-wide and race-free; returns the
     * connection ids evicted to make room, oldest first (of any node).
     *
     * @throws Refused MAX_CONNECTIONS when the line is full and {@code refuseWhenFull}
     */
    List<String> take(long lineId, String connectionId, int max, boolean refuseWhenFull)
            throws Refused;

    /** Gives the connection's seat back (it ended); never blocks the caller. */
    void release(long lineId, String connectionId);

    /** Whether the connection still holds a seat of the line (a local read). */
    boolean holds(long lineId, String connectionId);

    /** The line's connections on every node, oldest first. */
    List<String> seatsOf(long lineId);

    /**
     * Asks the node that serves the connection to end it with the reason; false when no node holds
     * it.
     */
    boolean requestEnd(String connectionId, EndReason reason);

    /** Why another node asked this one to end the connection, or null (a local read). */
    EndReason endRequested(String connectionId);
}
