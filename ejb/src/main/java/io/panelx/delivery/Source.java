package io.panelx.delivery;

import io.panelx.viewer.Origin;

/**
 * Something that fills a channel's Feed: a direct HTTP pull, an HLS pull or an FFmpeg process. A
 * Source knows nothing of viewers; the FeedRunner restarts it, fails over and reports state.
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

    /** The OS process id for FFmpeg sources, 0 otherwise. */
    default long pid() {
        return 0;
    }

    /** The last progress FFmpeg reported, or null. */
    default FeedSampled.FfmpegProgress progress() {
        return null;
    }
}
