package io.panelx.ffmpeg;

import io.panelx.channel.FfmpegProfile;
import io.panelx.delivery.Feed;
import io.panelx.delivery.FeedSampled.FfmpegProgress;
import io.panelx.delivery.Source;
import io.panelx.viewer.Origin;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.TimeUnit;

/** An FFmpeg process started by the supervisor; its stdout (MPEG-TS) fills the Feed. */
public final class FfmpegSource implements Source {

    private final FfmpegSupervisor supervisor;
    private final String url;
    private final FfmpegProfile profile;
    private final int ingestPort;
    private final HlsLadder ladder;
    private volatile FfmpegProcess process;
    private volatile boolean aborted;

    /** {@code ladder} is where the ladder profile's HLS goes; null for other profiles. */
    public FfmpegSource(
            FfmpegSupervisor supervisor,
            String url,
            FfmpegProfile profile,
            int ingestPort,
            HlsLadder ladder) {
        this.supervisor = supervisor;
        this.url = url;
        this.profile = profile;
        this.ingestPort = ingestPort;
        this.ladder = ladder;
    }

    @Override
    public Origin origin() {
        return Origin.FFMPEG;
    }

    @Override
    public void run(Feed feed) throws Exception {
        FfmpegProcess p = supervisor.start(url, profile, ingestPort, ladder);
        process = p;
        if (aborted) {
            p.stop();
        }
        try (InputStream stdout = p.stdout()) {
            while (!aborted && feed.fill(stdout) >= 0) {
                // one chunk per fill
            }
        } catch (IOException e) {
            // stdout breaks when the process is stopped; the exit code below tells why
        } finally {
            p.stop();
        }
        Integer code = p.exit().get(5, TimeUnit.SECONDS);
        if (!aborted) {
            String why = p.lastError() == null ? "" : ": " + p.lastError();
            throw new IOException("ffmpeg exited with code " + code + why);
        }
    }

    @Override
    public void abort() {
        aborted = true;
        FfmpegProcess p = process;
        if (p != null) {
            p.stop();
        }
    }

    @Override
    public long pid() {
        FfmpegProcess p = process;
        return p == null || !p.isAlive() ? 0 : p.pid();
    }

    @Override
    public FfmpegProgress progress() {
        FfmpegProcess p = process;
        return p == null ? null : p.progress();
    }
}
