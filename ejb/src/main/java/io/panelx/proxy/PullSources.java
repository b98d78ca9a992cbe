package io.panelx.proxy;

import io.panelx.channel.ChannelInfo;
import io.panelx.channel.DeliveryMode;
import io.panelx.delivery.Source;
import io.panelx.delivery.SourceFactory;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.util.Locale;

/** Sources of direct channels: an HLS upstream is followed, anything else relayed as it is. */
@ApplicationScoped
public class PullSources implements SourceFactory {

    @Override
    public boolean delivers(ChannelInfo channel) {
        return channel.deliveryMode() == DeliveryMode.DIRECT;
    }

    @Override
    public Source create(ChannelInfo channel, int index) {
        URI uri = URI.create(channel.sources().get(index));
        String path = uri.getPath() == null ? "" : uri.getPath().toLowerCase(Locale.ROOT);
        return path.endsWith(".m3u8") || path.endsWith(".m3u")
                ? new HlsPullSource(uri)
                : new HttpPullSource(uri);
    }
}
