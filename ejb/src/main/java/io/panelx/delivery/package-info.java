/**
 * Delivery: Source -> Feed -> ViewerSession -> socket, and nothing else on that path.
 *
 * <ul>
 *   <li>{@link io.panelx.delivery.RunningChannels}: one {@link io.panelx.delivery.ChannelRunner}
 *       per running channel; the runner keeps the channel's Feed (a fixed ring of MPEG-TS chunks)
 *       filled by one Source at a time, from a {@link io.panelx.delivery.SourceFactory} (the proxy
 *       and ffmpeg packages implement it; this package never imports them), with restart and
 *       failover. A plain CDI bean, called by every viewer; {@link
 *       io.panelx.delivery.ChannelLifecycle}, an EJB singleton, starts the always-on channels with
 *       the server, restarts changed ones and stops them all at shutdown.
 *   <li>{@link io.panelx.delivery.ViewerAdmission}: max connections per line, and the one place a
 *       viewer is created; {@link io.panelx.delivery.ViewerSession} is where a viewer is counted:
 *       the only code that fires the viewer events, and the only code that counts bytes (when the
 *       socket accepted them).
 *   <li>{@link io.panelx.delivery.OpenViewers}: the open sessions (admin kills, figures); {@link
 *       io.panelx.delivery.PlayerSessions}: players that come back request after request (HLS,
 *       Range requests), one connection each; {@link io.panelx.delivery.ChannelHls}: live HLS.
 *   <li>{@link io.panelx.delivery.DeliveryTick}: once a second, rates, stalled viewers, silent
 *       sources, idle channels.
 * </ul>
 *
 * <p>The Source's thread only reads and publishes: a Feed wakes each I/O thread that has viewers
 * (every 500 ms, or sooner once a batch's worth of chunks waits), and each viewer is drained on its
 * own connection's I/O thread, in one write of its new chunks ({@link
 * io.panelx.delivery.ChunkBatch}), straight from the Feed; what the socket does not take stays in
 * the Feed, and the viewer goes on from its byte there once writable. The chunks are in append-only
 * segment files of a memory file system ({@link io.panelx.delivery.ChunkFiles}), and a write is a
 * {@code sendfile} of a range of one (the bytes are not copied out of the JVM once per viewer);
 * without a feed folder they are in direct buffers and a write is a gathering write of them.
 * Traffic is not an event: the tick samples each session's byte counter (a rate is the bytes
 * between two writes the socket took over the time between them, so batches and HLS segments do not
 * make it swing), and the dashboard, JMX, Prometheus and the ledger's checkpoints read the open
 * sessions ({@link io.panelx.viewer.OpenConnections}).
 */
package io.panelx.delivery;
