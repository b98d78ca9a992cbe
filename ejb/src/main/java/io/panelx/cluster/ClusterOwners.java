package io.panelx.cluster;

import io.panelx.config.Settings;
import io.panelx.delivery.ChannelOwners;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.infinispan.Cache;

/**
 * Channel owners in the replicated {@code owners} cache: key the channel id, value {@code NODE URL}
 * of the node that runs its source. The first node to start a channel claims it (putIfAbsent); a
 * claim on a channel whose owner is no longer a member takes it over (replace(key, old, new)), so a
 * dead owner's channel moves at the next attempt of any node that relays it, without waiting for a
 * coordinator.
 */
@ApplicationScoped
public class ClusterOwners implements ChannelOwners {

    private static final Logger LOG = Logger.getLogger(ClusterOwners.class.getName());

    @Inject ClusterNode node;

    @Override
    public String claim(long channelId) {
        if (!node.clustered()) {
            return null;
        }
        Cache<String, String> owners = node.owners();
        String key = Long.toString(channelId);
        String mine = node.name() + " " + Settings.nodeUrl();
        try {
            for (int attempt = 0; attempt < 100; attempt++) {
                String current = owners.get(key);
                if (current == null) {
                    if (owners.putIfAbsent(key, mine) == null) {
                        return null;
                    }
                } else if (current.equals(mine)) {
                    return null;
                } else if (!node.members().contains(ownerName(current))) {
                    if (owners.replace(key, current, mine)) {
                        LOG.info(() -> "Channel " + key + " taken over from " + current);
                        return null;
                    }
                } else {
                    return current.substring(current.indexOf(' ') + 1);
                }
            }
        } catch (RuntimeException e) {
            // Without the cluster's answer, serving the channel ourselves beats serving nothing.
            LOG.log(Level.WARNING, "Owner of channel " + key + " unknown: running it here", e);
        }
        return null;
    }

    @Override
    public void release(long channelId) {
        if (!node.clustered()) {
            return;
        }
        try {
            node.owners().remove(Long.toString(channelId), node.name() + " " + Settings.nodeUrl());
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "Channel " + channelId + " not released", e);
        }
    }

    /** Frees every channel a node owned (it left the cluster, or restarted). */
    static void freeChannelsOf(Cache<String, String> owners, String nodeName) {
        for (Map.Entry<String, String> e : List.copyOf(owners.entrySet())) {
            if (ownerName(e.getValue()).equals(nodeName)) {
                owners.remove(e.getKey(), e.getValue());
            }
        }
    }

    private static String ownerName(String value) {
        int space = value.indexOf(' ');
        return space < 0 ? value : value.substring(0, space);
    }
}
