package io.panelx.live;

import io.panelx.channel.ChannelDirectory;
import io.panelx.channel.ChannelInfo;
import io.panelx.config.Settings;
import io.panelx.delivery.ChunkSink;
import io.panelx.delivery.Refused;
import io.panelx.delivery.RunningChannels;
import io.panelx.http.PlainAnswer;
import io.panelx.proxy.ClusterRelays;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.inject.Inject;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.concurrent.RejectedExecutionException;

/**
 * The owner's side of a cluster relay: {@code /internal/relay/CHANNEL_ID} streams the channel's
 * Feed, as it is, to another node of the cluster, which serves its own viewers from it. Only a
 * caller showing the cluster secret gets an answer; everyone else (and every caller on a single
 * server) gets the same 404 as any unknown path. A relay is not a viewer: it is counted on the node
 * that serves the viewers, and it keeps the channel running here while it is open.
 */
@WebServlet(urlPatterns = ClusterRelays.PATH + "*", asyncSupported = true)
public class RelayServlet extends HttpServlet {

    /** How long a read waits for the next chunk before it checks that the channel still runs. */
    private static final long WAIT_MILLIS = 1_000;

    @Inject ChannelDirectory channels;
    @Inject RunningChannels running;

    @Resource(lookup = "java:jboss/ee/concurrency/executor/panelx-sources")
    ManagedExecutorService relayThreads;

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        if (!authorized(req)) {
            PlainAnswer.send(resp, HttpServletResponse.SC_NOT_FOUND, "not found");
            return;
        }
        ChannelInfo channel = channel(req.getPathInfo());
        if (channel == null) {
            PlainAnswer.send(resp, HttpServletResponse.SC_NOT_FOUND, "unknown channel");
            return;
        }
        RunningChannels.Relay relay;
        try {
            relay = running.relay(channel);
        } catch (Refused e) {
            PlainAnswer.send(
                    resp, HttpServletResponse.SC_SERVICE_UNAVAILABLE, "channel unavailable");
            return;
        }
        resp.setContentType("video/mp2t");
        resp.setHeader("Cache-Control", "no-store");
        resp.flushBuffer();
        AsyncContext async = req.startAsync();
        async.setTimeout(0);
        try {
            relayThreads.execute(() -> stream(relay, resp, async));
        } catch (RejectedExecutionException e) {
            relay.close();
            async.complete();
        }
    }

    /**
     * A HEAD gets the answer a GET would start with, and opens no relay: a relay answering a HEAD
     * would stream into a body nobody receives, hold its thread and keep the channel running.
     */
    @Override
    protected void doHead(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        if (!authorized(req) || channel(req.getPathInfo()) == null) {
            PlainAnswer.send(resp, HttpServletResponse.SC_NOT_FOUND, "not found");
            return;
        }
        resp.setContentType("video/mp2t");
        resp.setHeader("Cache-Control", "no-store");
    }

    /** Blocking writes on a relay thread: one per relayed channel and peer node. */
    private static void stream(
            RunningChannels.Relay relay, HttpServletResponse resp, AsyncContext async) {
        try {
            ServletOutputStream out = resp.getOutputStream();
            ChunkSink sink =
                    (data, offset, length, randomAccess) -> {
                        try {
                            out.write(data, offset, length);
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    };
            while (!relay.ended()) {
                if (relay.cursor().next(sink, WAIT_MILLIS)) {
                    out.flush();
                }
            }
        } catch (IOException | UncheckedIOException e) {
            // the peer node went away or restarted its relay: nothing to report
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            relay.close();
            async.complete();
        }
    }

    private static boolean authorized(HttpServletRequest req) {
        String secret = Settings.clusterSecret();
        String shown = req.getHeader(ClusterRelays.SECRET_HEADER);
        return Settings.clustered()
                && !secret.isEmpty()
                && shown != null
                && MessageDigest.isEqual(
                        secret.getBytes(StandardCharsets.UTF_8),
                        shown.getBytes(StandardCharsets.UTF_8));
    }

    private ChannelInfo channel(String pathInfo) {
        if (pathInfo == null || !pathInfo.matches("/[0-9]{1,18}")) {
            return null;
        }
        return channels.find(Long.parseLong(pathInfo.substring(1)));
    }
}
