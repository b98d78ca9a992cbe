package io.panelx.ffmpeg;

import io.panelx.channel.FfmpegProfile;
import io.panelx.config.Settings;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.apache.commons.exec.CommandLine;
import org.apache.commons.exec.DefaultExecutor;
import org.apache.commons.exec.ExecuteException;
import org.apache.commons.exec.ExecuteStreamHandler;
import org.apache.commons.exec.ProcessDestroyer;

/**
 * The one place that starts FFmpeg. Processes run through Apache Commons Exec (argument lists,
 * never a shell) on threads of the managed executor {@code panelx-ffmpeg}; every process is tracked
 * and ended on undeploy or shutdown. Each command carries this server's instance marker, so that
 * after a crash (kill -9) the next start finds and ends what the previous run left.
 */
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class FfmpegSupervisor {

    private static final Logger LOG = Logger.getLogger(FfmpegSupervisor.class.getName());

    @Resource(lookup = "java:jboss/ee/concurrency/executor/panelx-ffmpeg")
    ManagedExecutorService executor;

    private final Set<FfmpegProcess> running = ConcurrentHashMap.newKeySet();
    private String instanceMarker;

    /** Ladder channels' HLS files, one folder per channel, in the server's temp folder. */
    private final Path ladderRoot =
            Path.of(
                            System.getProperty(
                                    "jboss.server.temp.dir", System.getProperty("java.io.tmpdir")))
                    .resolve("panelx-ladder");

    @PostConstruct
    void endOrphans() {
        instanceMarker = markerFor(System.getProperty("jboss.server.data.dir", "panelx"));
        String tag = "panelx_instance=" + instanceMarker;
        ProcessHandle.allProcesses()
                .filter(p -> p.info().arguments().map(a -> List.of(a).contains(tag)).orElse(false))
                .forEach(
                        p -> {
                            LOG.warning(
                                    () ->
                                            "Ending FFmpeg process "
                                                    + p.pid()
                                                    + " left by a previous run of this server");
                            p.destroyForcibly();
                        });
        deleteQuietly(ladderRoot); // what a killed run left
    }

    /** The HLS ladder of a channel with the ladder profile. */
    public HlsLadder ladderFor(long channelId) {
        return new HlsLadder(ladderRoot.resolve(Long.toString(channelId)));
    }

    /**
     * Deletes what an earlier run of the channel wrote, so that it starts afresh (a restart within
     * a run appends instead, see FfmpegCommand).
     */
    public void resetLadder(long channelId) {
        deleteQuietly(ladderFor(channelId).directory());
    }

    /**
     * Starts FFmpeg reading {@code source} with {@code profile}, writing MPEG-TS to stdout and, for
     * the ladder profile, the HLS ladder into {@code ladder}'s folder.
     */
    public FfmpegProcess start(
            String source, FfmpegProfile profile, int ingestPort, HlsLadder ladder)
            throws IOException {
        var args = FfmpegCommand.toMpegTs(source, profile, instanceMarker, ingestPort);
        var command = new CommandLine(Settings.ffmpegBinary());
        for (String arg : args) {
            command.addArgument(arg, false);
        }
        var launch = new Launch();
        var builder = DefaultExecutor.builder().setExecuteStreamHandler(launch);
        if (ladder != null) {
            Files.createDirectories(ladder.directory());
            builder.setWorkingDirectory(ladder.directory().toFile());
        }
        var exec = builder.get();
        exec.setProcessDestroyer(launch);
        exec.setExitValues(null); // every exit code is reported, none is an exception
        CompletableFuture<Integer> exit = launch.exit;
        try {
            executor.execute(
                    () -> {
                        try {
                            exit.complete(exec.execute(command));
                        } catch (ExecuteException e) {
                            exit.complete(e.getExitValue());
                        } catch (IOException e) {
                            launch.started.completeExceptionally(e);
                            exit.completeExceptionally(e);
                        }
                    });
        } catch (RejectedExecutionException e) {
            throw new IOException("no FFmpeg capacity left (executor panelx-ffmpeg is full)", e);
        }
        FfmpegProcess process;
        try {
            process = launch.started.get(10, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new IOException(
                    "cannot start ffmpeg '"
                            + Settings.ffmpegBinary()
                            + "' (set PANELX_FFMPEG or install ffmpeg): "
                            + e.getCause().getMessage(),
                    e.getCause());
        } catch (TimeoutException | InterruptedException e) {
            throw new IOException("ffmpeg did not start in time", e);
        }
        running.add(process);
        exit.whenComplete((code, t) -> running.remove(process));
        try {
            executor.execute(new ProgressReader(launch.stderr, process));
        } catch (RejectedExecutionException e) {
            process.stop();
            throw new IOException("no FFmpeg capacity left (executor panelx-ffmpeg is full)", e);
        }
        return process;
    }

    @PreDestroy
    void endAll() {
        for (FfmpegProcess p : running) {
            p.stop();
        }
        for (FfmpegProcess p : running) {
            try {
                p.process().onExit().get(4, TimeUnit.SECONDS);
            } catch (Exception e) {
                p.process().destroyForcibly();
            }
        }
        deleteQuietly(ladderRoot);
        LOG.log(Level.FINE, "All FFmpeg processes ended");
    }

    private static void deleteQuietly(Path folder) {
        if (!Files.exists(folder)) {
            return;
        }
        try (var paths = Files.walk(folder)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | java.io.UncheckedIOException e) {
            LOG.log(Level.FINE, "Could not delete " + folder, e);
        }
    }

    private static String markerFor(String dataDir) {
        try {
            byte[] d =
                    MessageDigest.getInstance("SHA-256")
                            .digest(dataDir.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Receives the process and its streams from Commons Exec: as its stream handler (pipes) and as
     * its process destroyer (the Process itself, handed over before the streams start).
     */
    private static final class Launch implements ExecuteStreamHandler, ProcessDestroyer {
        final CompletableFuture<FfmpegProcess> started = new CompletableFuture<>();
        final CompletableFuture<Integer> exit = new CompletableFuture<>();
        InputStream stdout;
        InputStream stderr;
        Process process;

        @Override
        public void setProcessInputStream(OutputStream stdin) throws IOException {
            stdin.close(); // FFmpeg runs with -nostdin
        }

        @Override
        public void setProcessErrorStream(InputStream is) {
            stderr = is;
        }

        @Override
        public void setProcessOutputStream(InputStream is) {
            stdout = is;
        }

        private boolean streamsStarted;

        @Override
        public synchronized boolean add(Process p) {
            process = p;
            handOver();
            return true;
        }

        @Override
        public boolean remove(Process p) {
            return true;
        }

        @Override
        public int size() {
            return process == null ? 0 : 1;
        }

        @Override
        public synchronized void start() {
            streamsStarted = true;
            handOver();
        }

        /** Commons Exec reports the process and starts the streams in an order not promised. */
        private void handOver() {
            if (process != null && streamsStarted) {
                started.complete(new FfmpegProcess(process, stdout, exit));
            }
        }

        @Override
        public void stop() {}
    }
}
