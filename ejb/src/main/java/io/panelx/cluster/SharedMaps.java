package io.panelx.cluster;

import io.panelx.config.LoginFailures;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** The maps other packages count in, shared by the nodes of a cluster, local on a single server. */
@ApplicationScoped
public class SharedMaps {

    @Inject ClusterNode node;

    private final ConcurrentMap<String, String> localLoginFailures = new ConcurrentHashMap<>();

    /** Failed logins per address: the replicated {@code logins} cache on a cluster node. */
    @Produces
    @LoginFailures
    ConcurrentMap<String, String> loginFailures() {
        return node.clustered() ? node.logins() : localLoginFailures;
    }
}
