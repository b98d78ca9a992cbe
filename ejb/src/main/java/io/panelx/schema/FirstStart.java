package io.panelx.schema;

import jakarta.persistence.EntityManager;

/**
 * The first start's content (the first admin, the demo line and channel) is made once per database,
 * also when the nodes of a cluster boot on an empty database at the same moment: each node's check
 * "is there one yet?" and its insert run under one database-wide lock.
 */
public final class FirstStart {

    /** Any number, the same on every node: the key of PanelX's first-start advisory lock. */
    private static final long LOCK = 0x50616e656c58L; // "PanelX"

    private FirstStart() {}

    /**
     * Holds the first-start lock until the caller's transaction ends, on a cluster node (which runs
     * on PostgreSQL, see configure.sh --cluster); a single server needs none.
     */
    public static void lock(EntityManager em) {
        if (!Boolean.getBoolean("panelx.cluster")) {
            return;
        }
        em.createNativeQuery("SELECT 1 FROM (SELECT pg_advisory_xact_lock(" + LOCK + ")) AS held")
                .getSingleResult();
    }
}
