/**
 * A PanelX cluster: several WildFly nodes (the HA profile, JGroups and Infinispan) that act as one
 * panel. Shared state lives in the replicated caches of the {@code panelx} cache container
 * (wildfly-config/cli/cluster-infinispan.cli): a line's seats (max connections cluster-wide),
 * channel owners (one upstream per channel), requests to end a connection on the node that serves
 * it, and each node's latest live figures. Every node reads them locally and reconciles once a
 * tick; membership comes from the cache container, and a node that left without closing is cleaned
 * up by the survivors. On a single server (no {@code panelx.cluster}) every class here answers for
 * one node and touches no cache.
 */
package io.panelx.cluster;
