package io.panelx.proxy;

import io.panelx.channel.ChannelInfo;
import io.panelx.channel.DeliveryMode;
import io.panelx.config.Settings;
import io.panelx.delivery.RelaySources;
import io.panelx.delivery.Source;
import io.panelx.viewer.Origin;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.util.Map;

/**
 * A cluster node's relay of a channel another node owns: one HTTP pull of the owner's internal
 * relay route ({@link #PATH}), authenticated by the cluster secret, into this node's Feed. Its
 * viewers are counted here like any other; the owner counts none for it.
 */
@ApplicationScoped
public class ClusterRelays implements RelaySources {

    /** The owner's route; web io.panelx.live.RelayServlet answers it. */
    public static final String PATH = "/internal/relay/";

    public static final String SECRET_HEADER = "X-PanelX-Cluster-Secret";

    @Override
    public Source relay(ChannelInfo channel, String ownerUrl) {
        URI uri = URI.create(ownerUrl + PATH + channel.id());
        // Viewers of a relayed channel keep the origin of its real source (proxy or FFmpeg).
        Origin origin =
                channel.deliveryMode() == DeliveryMode.FFMPEG ? Origin.FFMPEG : Origin.PROXY;
        return new HttpPullSource(uri, origin, Map.of(SECRET_HEADER, Settings.clusterSecret()));
    }
}
