import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.atomic.AtomicLong;

/**
 * How long a connected viewer sees nothing when its channel's FFmpeg crashes: watches a stream,
 * kills (SIGKILL) the FFmpeg whose command line contains NEEDLE, and reports the time from the
 * kill to the first bytes of the restarted process (the end of the longest silence after the
 * kill), KILLS times in a row.
 *   java CrashResume.java URL NEEDLE KILLS
 */
public class CrashResume {
    public static void main(String[] args) throws Exception {
        String url = args[0];
        String needle = args[1];
        int kills = Integer.parseInt(args[2]);
        var lastRead = new AtomicLong(System.nanoTime());
        var bytes = new AtomicLong();
        // Silences are measured by the reader: [start, end] of the longest gap since 'since'.
        var gap = new long[3]; // since, longest, endOfLongest
        Thread reader =
                new Thread(
                        () -> {
                            try (InputStream in =
                                    HttpClient.newHttpClient()
                                            .send(
                                                    HttpRequest.newBuilder(URI.create(url)).build(),
                                                    HttpResponse.BodyHandlers.ofInputStream())
                                            .body()) {
                                byte[] buf = new byte[1 << 16];
                                int n;
                                while ((n = in.read(buf)) >= 0) {
                                    long now = System.nanoTime();
                                    synchronized (gap) {
                                        long silence = now - Math.max(lastRead.get(), gap[0]);
                                        if (gap[0] != 0 && silence > gap[1]) {
                                            gap[1] = silence;
                                            gap[2] = now;
                                        }
                                    }
                                    lastRead.set(now);
                                    bytes.addAndGet(n);
                                }
                            } catch (Exception e) {
                                System.err.println("viewer ended: " + e);
                            }
                            System.err.println("viewer stream closed");
                        });
        reader.setDaemon(true);
        reader.start();
        for (int k = 1; k <= kills; k++) {
            waitForBytes(bytes, 2_000_000, 30);
            ProcessHandle ffmpeg =
                    ProcessHandle.allProcesses()
                            .filter(
                                    p ->
                                            p.info().command().orElse("").contains("ffmpeg")
                                                    && String.join(
                                                                    " ",
                                                                    p.info()
                                                                            .arguments()
                                                                            .orElse(new String[0]))
                                                            .contains(needle))
                            .findFirst()
                            .orElseThrow(() -> new IllegalStateException("no ffmpeg with " + needle));
            long killedAt;
            synchronized (gap) {
                killedAt = System.nanoTime();
                gap[0] = killedAt;
                gap[1] = 0;
                gap[2] = 0;
            }
            ffmpeg.destroyForcibly();
            long before = bytes.get();
            // Resumed: at least 1 MB (2 s of a 4 Mbit/s stream) arrived after the kill.
            waitForBytes(bytes, before + 1_000_000, 30);
            long resumeMs;
            synchronized (gap) {
                resumeMs = (gap[2] - killedAt) / 1_000_000;
                gap[0] = 0;
            }
            System.out.printf(
                    "kill %d of pid %d: stream resumed %d ms after the kill%n",
                    k, ffmpeg.pid(), resumeMs);
        }
    }

    static void waitForBytes(AtomicLong bytes, long atLeast, int seconds) throws Exception {
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        while (bytes.get() < atLeast) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("stream did not resume within " + seconds + " s");
            }
            Thread.sleep(20);
        }
    }
}
