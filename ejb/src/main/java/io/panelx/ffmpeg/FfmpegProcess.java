package io.panelx.ffmpeg;

import io.panelx.delivery.FeedSampled.FfmpegProgress;
import java.io.InputStream;
import java.util.concurrent.CompletableFuture;

/** A running FFmpeg process as its Source sees it: stdout, progress, the end. */
public final class FfmpegProcess {

    private final Process process;
    private final InputStream stdout;
    private final CompletableFuture<Integer> exit;
    private volatile FfmpegProgress progress;
    private volatile String lastError;

    FfmpegProcess(Process process, InputStream stdout, CompletableFuture<Integer> exit) {
        this.process = process;
        this.stdout = stdout;
        this.exit = exit;
    }

    public long pid() {
        return process.pid();
    }

    public InputStream stdout() {
        return stdout;
    }

    public CompletableFuture<Integer> exit() {
        return exit;
    }

    public FfmpegProgress progress() {
        return progress;
    }

    void progress(FfmpegProgress progress) {
        this.progress = progress;
    }

    /** The last warning or error line FFmpeg printed. */
    public String lastError() {
        return lastError;
    }

    void lastError(String line) {
        this.lastError = line.length() > 300 ? line.substring(0, 300) : line;
    }

    /** Asks FFmpeg to end (SIGTERM), then kills it if it has not ended within 3 seconds. */
    public void stop() {
        process.destroy();
        process.onExit()
                .orTimeout(3, java.util.concurrent.TimeUnit.SECONDS)
                .exceptionally(
                        t -> {
                            process.destroyForcibly();
                            return process;
                        });
    }

    boolean isAlive() {
        return process.isAlive();
    }

    Process process() {
        return process;
    }
}
