package io.panelx.monitoring;

import io.panelx.archive.ArchiveStatus;
import io.panelx.archive.Archives;
import io.panelx.archive.RecordingState;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Reads the archive's figures on each JMX call (nothing is cached or sampled). */
final class ArchiveMBean implements ArchiveMXBean {

    private final Archives archives;

    ArchiveMBean(Archives archives) {
        this.archives = archives;
    }

    private List<ArchiveStatus> statuses() {
        return archives.statuses();
    }

    @Override
    public long getBytes() {
        return statuses().stream().mapToLong(ArchiveStatus::bytes).sum();
    }

    @Override
    public long getMaxBytes() {
        return archives.maxBytes();
    }

    @Override
    public int getChannelsRecording() {
        return (int) statuses().stream().filter(s -> s.state() == RecordingState.RECORDING).count();
    }

    @Override
    public int getChannelsFailed() {
        return (int) statuses().stream().filter(s -> s.state() == RecordingState.FAILED).count();
    }

    @Override
    public Map<String, Long> getChannelBytes() {
        var m = new TreeMap<String, Long>();
        statuses().forEach(s -> m.put(Long.toString(s.channelId()), s.bytes()));
        return m;
    }

    @Override
    public Map<String, String> getChannelStates() {
        var m = new TreeMap<String, String>();
        statuses()
                .forEach(
                        s ->
                                m.put(
                                        Long.toString(s.channelId()),
                                        s.failure() == null
                                                ? s.state().name()
                                                : s.state() + ": " + s.failure()));
        return m;
    }
}
