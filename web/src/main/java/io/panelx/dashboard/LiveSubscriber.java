package io.panelx.dashboard;

import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One dashboard connection's outbox. At most one asynchronous send is in flight; what arrives
 * meanwhile waits in a short queue. A snapshot carries the whole state, so it replaces whatever is
 * still waiting, and a client too slow to drain the queue loses events, not the server's time: the
 * next snapshot puts its screen right again.
 */
final class LiveSubscriber {

    private static final Logger LOG = Logger.getLogger(LiveSubscriber.class.getName());

    /** Events waiting behind a slow send; beyond this they are dropped until the next snapshot. */
    static final int MAX_WAITING = 256;

    /** A send that takes longer means the client is gone or stuck: its session is closed. */
    static final long SEND_TIMEOUT_MILLIS = 15_000;

    private final Session session;
    private final Runnable onGone;
    private final ArrayDeque<String> waiting = new ArrayDeque<>();
    private boolean sending;
    private long dropped;

    LiveSubscriber(Session session, Runnable onGone) {
        this.session = session;
        this.onGone = onGone;
        session.getAsyncRemote().setSendTimeout(SEND_TIMEOUT_MILLIS);
    }

    Session session() {
        return session;
    }

    /** Never blocks: either starts an asynchronous send or queues (or drops) the message. */
    void offer(String message, boolean wholeState) {
        synchronized (this) {
            if (wholeState) {
                waiting.clear();
            }
            if (sending) {
                if (waiting.size() >= MAX_WAITING) {
                    dropped++;
                    return;
                }
                waiting.add(message);
                return;
            }
            sending = true;
        }
        send(message);
    }

    long dropped() {
        synchronized (this) {
            return dropped;
        }
    }

    private void send(String message) {
        try {
            session.getAsyncRemote()
                    .sendText(
                            message,
                            result -> {
                                if (result.isOK()) {
                                    sendNext();
                                } else {
                                    gone(result.getException());
                                }
                            });
        } catch (RuntimeException e) {
            gone(e);
        }
    }

    private void sendNext() {
        String next;
        synchronized (this) {
            next = waiting.poll();
            if (next == null) {
                sending = false;
                return;
            }
        }
        send(next);
    }

    private void gone(Throwable why) {
        LOG.log(
                Level.FINE,
                "Dropping live feed subscriber {0}: {1}",
                new Object[] {session.getId(), why});
        synchronized (this) {
            waiting.clear();
            sending = false;
        }
        onGone.run();
        try {
            if (session.isOpen()) {
                session.close(new CloseReason(CloseReason.CloseCodes.TRY_AGAIN_LATER, "too slow"));
            }
        } catch (IOException | RuntimeException e) {
            // already closing; nothing more to do for a client that is gone
        }
    }
}
