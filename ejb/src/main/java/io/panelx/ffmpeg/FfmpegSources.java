package io.panelx.ffmpeg;

import io.panelx.channel.ChannelInfo;
import io.panelx.channel.DeliveryMode;
import io.panelx.delivery.HlsRenditions;
import io.panelx.delivery.Source;
import io.panelx.delivery.SourceFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Sources of FFmpeg channels: one process per source attempt, started by the supervisor. */
@ApplicationScoped
public class FfmpegSources implements SourceFactory {

    @Inject FfmpegSupervisor supervisor;

    @Override
    public boolean delivers(ChannelInfo channel) {
        return channel.deliveryMode() == DeliveryMode.FFMPEG;
    }

    @Override
    public Source create(ChannelInfo channel, int index) {
        String url = channel.sources().get(index);
        return new FfmpegSource(
                supervisor,
                url,
                channel.ffmpegProfile(),
                channel.ingestPortFor(url),
                ladderOf(channel));
    }

    /** The ladder profile's renditions; a fresh start clears what an earlier run wrote. */
    @Override
    public HlsRenditions renditions(ChannelInfo channel, boolean fresh) {
        HlsLadder ladder = ladderOf(channel);
        if (ladder != null && fresh) {
            supervisor.resetLadder(channel.id()); // restarts within this run append to it
        }
        return ladder;
    }

    private HlsLadder ladderOf(ChannelInfo channel) {
        return channel.ffmpegProfile().isLadder() ? supervisor.ladderFor(channel.id()) : null;
    }
}
