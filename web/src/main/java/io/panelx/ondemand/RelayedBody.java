package io.panelx.ondemand;

import io.panelx.delivery.Body;
import io.panelx.delivery.IoThread;
import io.panelx.delivery.ViewerOutput;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A relayed upstream body, read by an executor thread ({@link #read()}) and written by the player's
 * ViewerSession on the connection's I/O thread. Two 64 KiB buffers pass between them, so nothing is
 * allocated per chunk and a slow player holds the upstream back.
 *
 * <p>The session pulls while its output {@link #output() reports ready}; the output wrapper says
 * not ready while no buffer is filled, and the reader wakes the session (on the I/O thread) when
 * one is. A silent upstream so looks to the session like a player that takes nothing: it ends
 * {@code STALLED} after {@code panelx.stalled-viewer-seconds}, its connection dropped, while the
 * I/O thread goes on serving other players.
 */
final class RelayedBody implements Body {

    private static final int BUFFER = 64 * 1024;

    private static final class Chunk {
        final byte[] data = new byte[BUFFER];
        int length;
    }

    private final HttpURLConnection connection;
    private final Output output;
    private final ArrayBlockingQueue<Chunk> filled = new ArrayBlockingQueue<>(2);
    private final ArrayBlockingQueue<Chunk> free = new ArrayBlockingQueue<>(2);
    private final AtomicBoolean waiting = new AtomicBoolean();
    private volatile boolean finished;
    private volatile IOException failure;
    private volatile boolean closed;

    RelayedBody(HttpURLConnection connection, ViewerOutput player) {
        this.connection = connection;
        this.output = new Output(player);
        free.add(new Chunk());
        free.add(new Chunk());
    }

    /** The player's output as the session must see it: ready only when there is something. */
    ViewerOutput output() {
        return output;
    }

    /** Reads the upstream into the free buffers until its end, a failure or {@link #close()}. */
    void read() {
        try (InputStream in = connection.getInputStream()) {
            while (!closed) {
                Chunk c = free.poll(1, TimeUnit.SECONDS); // the player is slow: wait for it
                if (c == null) {
                    continue;
                }
                int n = in.read(c.data);
                if (n < 0) {
                    break;
                }
                c.length = n;
                filled.add(c);
                output.wake();
            }
        } catch (IOException e) {
            failure = e; // a read timeout, a reset: the player's response is dropped
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            finished = true;
            output.wake();
            connection.disconnect(); // here, not on the I/O thread: it may wait on the read
        }
    }

    private boolean readable() {
        return !filled.isEmpty() || finished;
    }

    @Override
    public int writeTo(ViewerOutput out) throws IOException {
        Chunk c = filled.poll();
        if (c == null) {
            if (!finished) {
                return 0; // the output said ready to let the session count what went before
            }
            if (failure != null) {
                throw failure;
            }
            return -1;
        }
        out.write(c.data, 0, c.length); // copied or written at once: the buffer is free again
        int n = c.length;
        free.add(c);
        return n;
    }

    @Override
    public void close() {
        closed = true; // the reader ends at its next read or wait
    }

    /** The player's output, ready when the socket is and a buffer is filled (or the body ended). */
    private final class Output implements ViewerOutput {
        private final ViewerOutput player;
        private volatile Listener listener;

        /** A write since the last "ready": the session confirms those bytes on the next one. */
        private boolean wrote;

        Output(ViewerOutput player) {
            this.player = player;
        }

        @Override
        public void start(Listener listener) {
            this.listener = listener;
            player.start(listener);
        }

        @Override
        public boolean isReady() {
            if (!player.isReady()) {
                return false;
            }
            if (readable()) {
                return true;
            }
            if (wrote) {
                wrote = false;
                return true; // once, so the socket's acceptance of the last write is counted
            }
            waiting.set(true);
            return readable(); // filled meanwhile: a spurious wake later does no harm
        }

        /** From the reader: the session waits for a buffer, so pull again on the I/O thread. */
        void wake() {
            Listener l = listener;
            if (l != null && waiting.compareAndSet(true, false)) {
                player.executor().execute(l::writePossible);
            }
        }

        @Override
        public void write(byte[] data, int offset, int length) throws IOException {
            wrote = true;
            player.write(data, offset, length);
        }

        @Override
        public long write(java.nio.ByteBuffer[] buffers) throws IOException {
            wrote = true;
            return player.write(buffers);
        }

        @Override
        public long transferFrom(java.nio.channels.FileChannel file, long position, long count)
                throws IOException {
            wrote = true;
            return player.transferFrom(file, position, count);
        }

        @Override
        public void close() {
            player.close();
        }

        @Override
        public void abort() {
            player.abort();
        }

        @Override
        public IoThread executor() {
            return player.executor();
        }
    }
}
