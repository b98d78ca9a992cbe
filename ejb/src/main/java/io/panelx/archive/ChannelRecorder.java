package io.panelx.archive;

import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;
import java.util.logging.Logger;

/**
 * Writes one channel's Feed into its archive: a segment file is cut where a chunk starts with a
 * keyframe once the segment holds {@link #TARGET_MILLIS} (so every segment starts decodable), and
 * each file begins with the stream's latest PAT and PMT. Times are the wall clock at which chunks
 * arrived: a live Feed arrives at its own pace. After a gap (a source restart, the channel
 * stopping) chunks are dropped until the next keyframe, and the next segment is marked as following
 * a gap.
 *
 * <p>Runs on one thread (the channel's recorder task); state and counters are read by others. An
 * I/O error (disk full, a read-only folder) or a quota the segment cannot fit in ends recording
 * with {@link RecordingState#FAILED} and a reason; the Feed and its viewers are not affected.
 */
public final class ChannelRecorder implements FeedChunks {

    private static final Logger LOG = Logger.getLogger(ChannelRecorder.class.getName());

    /** A segment is cut at the first keyframe after this long (segments of ~6-10 s). */
    static final long TARGET_MILLIS = 6_000;

    /** Streams without keyframe flags are cut anyway after this long (audio-only, odd muxers). */
    static final long MAX_MILLIS = 30_000;

    /** After a gap, recording starts without a keyframe when none came for this long. */
    static final long KEYFRAME_WAIT_MILLIS = 10_000;

    /** Keyframe marks kept per segment (seek points), at least a second apart. */
    static final int MAX_MARKS = 32;

    private static final int TS = 188;

    /** Decides whether a finished segment may stay: null, or why recording must stop. */
    public interface Quota {
        String admit(ChannelArchive archive, Segment segment);
    }

    private final ChannelArchive archive;
    private final LongSupplier clock;
    private final Quota quota;

    // PAT and PMT as last seen, copied into the head of every segment file.
    private final byte[] pat = new byte[TS];
    private final byte[] pmt = new byte[TS];
    private boolean hasPat, hasPmt;
    private int pmtPid = -1;

    private FileOutputStream out;
    private Path file;
    private long segmentStart;
    private long segmentBytes;
    private boolean segmentKeyframe;
    private int segmentPsi;
    private final ArrayList<Segment.Mark> marks = new ArrayList<>();
    private long lastChunkAt;
    private boolean afterGap = true;
    private long waitingSince = -1;

    private volatile RecordingState state = RecordingState.WAITING;
    private volatile String failure;
    private volatile long openBytes;
    private volatile long bytesWritten;

    public ChannelRecorder(ChannelArchive archive, LongSupplier clock, Quota quota) {
        this.archive = archive;
        this.clock = clock;
        this.quota = quota;
    }

    @Override
    public void accept(byte[] data, int offset, int length, boolean randomAccess) {
        if (state == RecordingState.FAILED || length <= 0) {
            return;
        }
        long now = clock.getAsLong();
        scanTables(data, offset, length);
        try {
            if (out == null) {
                if (!randomAccess) {
                    if (waitingSince < 0) {
                        waitingSince = now;
                    }
                    if (now - waitingSince < KEYFRAME_WAIT_MILLIS) {
                        return; // a player could not decode this: wait for a keyframe
                    }
                }
                open(now, randomAccess);
            } else {
                long age = now - segmentStart;
                if ((randomAccess && age >= TARGET_MILLIS) || age >= MAX_MILLIS) {
                    finish(now);
                    if (state == RecordingState.FAILED) {
                        return;
                    }
                    open(now, randomAccess);
                } else if (randomAccess
                        && marks.size() < MAX_MARKS
                        && age - (marks.isEmpty() ? 0 : marks.get(marks.size() - 1).millis())
                                >= 1000) {
                    marks.add(new Segment.Mark(segmentBytes, age));
                }
            }
            out.write(data, offset, length);
            segmentBytes += length;
            openBytes = segmentBytes;
            bytesWritten += length;
            lastChunkAt = now;
            state = RecordingState.RECORDING;
        } catch (IOException e) {
            fail("archive write failed: " + describe(e));
        }
    }

    /**
     * The Feed ended or lost chunks (a restart, failover, or the recorder fell behind): the current
     * segment ends at its last chunk and the next one is marked as following a gap.
     */
    public void gap() {
        if (out != null) {
            try {
                finish(lastChunkAt);
            } catch (IOException e) {
                fail("archive write failed: " + describe(e));
            }
        }
        afterGap = true;
        waitingSince = -1;
        if (state == RecordingState.RECORDING) {
            state = RecordingState.WAITING;
        }
    }

    /** Ends recording (channel turned off, shutdown): the current segment is kept. */
    public void close() {
        gap();
    }

    public RecordingState state() {
        return state;
    }

    /** Why recording failed, or null. */
    public String failure() {
        return failure;
    }

    /** Bytes of the segment being written (not yet in the archive's total). */
    public long openBytes() {
        return openBytes;
    }

    public long bytesWritten() {
        return bytesWritten;
    }

    public ChannelArchive archive() {
        return archive;
    }

    private void open(long now, boolean keyframe) throws IOException {
        Path hour = archive.hourDir(now);
        Files.createDirectories(hour);
        file = hour.resolve(now + ".ts");
        try {
            out = new FileOutputStream(file.toFile());
        } catch (java.io.FileNotFoundException e) {
            // Pruning may have removed the (then empty) hour folder in between: once more.
            Files.createDirectories(hour);
            out = new FileOutputStream(file.toFile());
        }
        segmentStart = now;
        segmentBytes = 0;
        segmentKeyframe = keyframe;
        segmentPsi = 0;
        marks.clear();
        waitingSince = -1;
        if (hasPat && hasPmt) {
            out.write(pat);
            out.write(pmt);
            segmentPsi = 2 * TS;
            segmentBytes = segmentPsi;
        }
    }

    private void finish(long end) throws IOException {
        FileOutputStream o = out;
        out = null;
        openBytes = 0;
        o.close();
        var segment =
                new Segment(
                        segmentStart,
                        Math.max(1, end - segmentStart),
                        segmentBytes,
                        segmentKeyframe,
                        afterGap,
                        segmentPsi,
                        List.copyOf(marks));
        afterGap = false;
        archive.add(segment);
        String refused = quota.admit(archive, segment);
        if (refused != null) {
            fail(refused);
        }
    }

    private void fail(String reason) {
        failure = reason;
        state = RecordingState.FAILED;
        openBytes = 0;
        if (out != null) {
            try {
                out.close();
            } catch (IOException ignored) {
                // already failing
            }
            out = null;
            try {
                Files.deleteIfExists(file); // a torn segment is not served
            } catch (IOException ignored) {
                // the folder itself is what failed
            }
        }
        afterGap = true;
        LOG.warning(
                () ->
                        "Archive recording of channel "
                                + archive.channelId()
                                + " stopped: "
                                + reason);
    }

    private static String describe(IOException e) {
        String m = e.getMessage();
        String kind = e.getClass().getSimpleName();
        return m == null ? kind : kind + ": " + m;
    }

    /** Keeps the newest PAT and PMT (single-packet tables, as muxers write them). */
    private void scanTables(byte[] data, int offset, int length) {
        for (int p = offset; p + TS <= offset + length; p += TS) {
            if (data[p] != 0x47 || (data[p + 1] & 0x40) == 0) {
                continue; // not aligned, or not the start of a table
            }
            int pid = ((data[p + 1] & 0x1f) << 8) | (data[p + 2] & 0xff);
            if (pid == 0) {
                System.arraycopy(data, p, pat, 0, TS);
                hasPat = true;
                pmtPid = pmtPidOf(pat);
            } else if (pid == pmtPid) {
                System.arraycopy(data, p, pmt, 0, TS);
                hasPmt = true;
            }
        }
    }

    /** The PID of the first program's PMT in a PAT packet, or -1. */
    static int pmtPidOf(byte[] pat) {
        int payload = 4;
        int adaptation = (pat[3] >> 4) & 0x3;
        if (adaptation == 2) {
            return -1;
        }
        if (adaptation == 3) {
            payload += 1 + (pat[4] & 0xff);
        }
        if (payload >= TS) {
            return -1;
        }
        int table = payload + 1 + (pat[payload] & 0xff); // pointer field
        if (table + 8 > TS || pat[table] != 0) {
            return -1;
        }
        int sectionLength = ((pat[table + 1] & 0x0f) << 8) | (pat[table + 2] & 0xff);
        int end = Math.min(TS, table + 3 + sectionLength - 4); // without the CRC
        for (int e = table + 8; e + 4 <= end; e += 4) {
            int program = ((pat[e] & 0xff) << 8) | (pat[e + 1] & 0xff);
            if (program != 0) {
                return ((pat[e + 2] & 0x1f) << 8) | (pat[e + 3] & 0xff);
            }
        }
        return -1;
    }
}
