package io.panelx.delivery;

import io.panelx.viewer.Origin;
import java.util.concurrent.TimeUnit;

/**
 * Something that fills a channel's Feed: a direct HTTP pull, an HLS pull or an FFmpeg process. A
 * Source knows nothing of viewers; its ChannelRunner restarts it, fails over and reports state. Its
 * thread only reads the upstream and publishes: writing to players happens elsewhere.
 */
public interface Source {

    Origin origin();

    /**
     * Fills the feed until the upstream ends, fails or {@link #abort()} is called. Returns normally
     * only when the upstream ended; throws with a short message when it failed.
     */
    void run(Feed feed) throws Exception;

    /** Stops {@link #run} from another thread: closes the connection or ends the process. */
    void abort();

    /**
     * How long a flowing source may publish nothing before it counts as hung and the next backup
     * takes over. Continuous streams stall within seconds; a segmented upstream arrives in bursts.
     */
    default long maxSilenceNanos() {
        return TimeUnit.SECONDS.toNanos(4);
    }

    /** The OS process id for FFmpeg sources, 0 otherwise. */
    default long pid() {
        return 0;
    }

    /** The last progress FFmpeg reported, or null. */
    default FeedSampled.FfmpegProgress progress() {
        return null;
    }
}
