package io.panelx.delivery;

import io.panelx.channel.ChannelInfo;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

/**
 * Source choice: the one place that asks the SourceFactory beans which of them serves a channel.
 */
@ApplicationScoped
public class Sources {

    @Inject @Any Instance<SourceFactory> factories;

    SourceFactory factoryFor(ChannelInfo channel) {
        for (SourceFactory f : factories) {
            if (f.delivers(channel)) {
                return f;
            }
        }
        throw new IllegalStateException("no source factory delivers " + channel.deliveryMode());
    }
}
