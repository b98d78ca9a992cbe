package io.panelx.stats;

import java.util.List;

/**
 * The latest figures of the other nodes of a cluster (none on a single server). io.panelx.cluster
 * implements it; LiveStats merges them into the cluster's view.
 */
public interface PeerSnapshots {

    /** One snapshot per other live node, at most a second old. */
    List<LiveStats.Snapshot> peers();
}
