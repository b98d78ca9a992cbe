package io.panelx.it.dashboard;

import io.panelx.it.Players;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A real external process: a player reading a stream (ffmpeg decoding to null, like a viewer that
 * never stops) or an upstream that serves one. Output goes to a log file under target/ for
 * diagnosis; closing ends the process.
 */
final class Player implements AutoCloseable {

    final Process process;
    final File log;

    private Player(List<String> command, String name) {
        log = new File("target/players/" + name + ".log");
        log.getParentFile().mkdirs();
        try {
            process =
                    new ProcessBuilder(command)
                            .redirectErrorStream(true)
                            .redirectOutput(log)
                            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                            .start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** ffmpeg as a player: decodes the live stream as the server paces it, frames thrown away. */
    static Player ffmpeg(String url, String userAgent, String name) {
        var cmd =
                new ArrayList<>(
                        List.of("ffmpeg", "-nostdin", "-hide_banner", "-loglevel", "warning"));
        cmd.addAll(List.of("-user_agent", userAgent, "-i", url, "-f", "null", "-"));
        return new Player(cmd, name);
    }

    /** An upstream for a direct-proxy channel: FFmpeg's test pattern served once over HTTP. */
    static Player upstream(int port, String name) {
        return new Player(
                Players.testPattern(
                        "-f", "mpegts", "-listen", "1", "http://127.0.0.1:" + port + "/up.ts"),
                name);
    }

    boolean alive() {
        return process.isAlive();
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
