package io.panelx.delivery;

import io.panelx.channel.ChannelInfo;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

/**
 * Source choice: the one place that asks the SourceFactory beans which of them serves a channel,
 * and (on a cluster node) whether this node runs it or relays it from its owner.
 */
@ApplicationScoped
public class Sources {

    @Inject @Any Instance<SourceFactory> factories;
    @Inject ChannelOwners owners;
    @Inject RelaySources relays;

    /** The channel's factory; on a cluster node, one that relays when another node owns it. */
    SourceFactory factoryFor(ChannelInfo channel) {
        for (SourceFactory f : factories) {
            if (f.delivers(channel)) {
                return new OwnedSources(f, owners, relays);
            }
        }
        throw new IllegalStateException("no source factory delivers " + channel.deliveryMode());
    }
}
