package io.panelx.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.SendHandler;
import jakarta.websocket.SendResult;
import jakarta.websocket.Session;
import java.io.IOException;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** A dashboard that does not read: offers never wait, the outbox stays bounded. */
class LiveSubscriberTest {

    /** A WebSocket session whose sends complete only when the test says so. */
    static final class StuckClient {
        final List<String> sent = new ArrayList<>();
        final List<SendHandler> pending = new ArrayList<>();
        final AtomicBoolean closed = new AtomicBoolean();
        final Session session;

        StuckClient() {
            RemoteEndpoint.Async remote =
                    (RemoteEndpoint.Async)
                            Proxy.newProxyInstance(
                                    getClass().getClassLoader(),
                                    new Class<?>[] {RemoteEndpoint.Async.class},
                                    (proxy, method, args) -> {
                                        if (method.getName().equals("sendText")) {
                                            sent.add((String) args[0]);
                                            pending.add((SendHandler) args[1]);
                                        }
                                        return null;
                                    });
            session =
                    (Session)
                            Proxy.newProxyInstance(
                                    getClass().getClassLoader(),
                                    new Class<?>[] {Session.class},
                                    (proxy, method, args) ->
                                            switch (method.getName()) {
                                                case "getAsyncRemote" -> remote;
                                                case "getId" -> "stuck";
                                                case "isOpen" -> !closed.get();
                                                case "close" -> {
                                                    closed.set(true);
                                                    yield null;
                                                }
                                                default -> null;
                                            });
        }

        void complete(SendResult result) {
            pending.remove(0).onResult(result);
        }
    }

    @Test
    void aClientThatDoesNotReadCostsABoundedQueueAndNoWaiting() {
        var client = new StuckClient();
        var subscriber = new LiveSubscriber(client.session, () -> {});
        long begin = System.nanoTime();
        for (int i = 0; i < 10_000; i++) {
            subscriber.offer("event " + i, false);
        }
        assertTrue(System.nanoTime() - begin < 2_000_000_000L, "offers returned at once");
        assertEquals(1, client.sent.size(), "one send in flight");
        assertEquals(10_000 - 1 - LiveSubscriber.MAX_WAITING, subscriber.dropped());

        // A snapshot replaces what waits: after the stuck send, it is the next thing sent.
        subscriber.offer("snapshot", true);
        subscriber.offer("event after", false);
        client.complete(new SendResult());
        assertEquals("snapshot", client.sent.get(1));
        client.complete(new SendResult());
        assertEquals("event after", client.sent.get(2));
        client.complete(new SendResult());
        assertEquals(3, client.sent.size(), "nothing else was waiting");
    }

    @Test
    void aFailedSendDropsTheSubscriber() {
        var client = new StuckClient();
        var gone = new AtomicBoolean();
        var subscriber = new LiveSubscriber(client.session, () -> gone.set(true));
        subscriber.offer("first", false);
        client.complete(new SendResult(new IOException("broken pipe")));
        assertTrue(gone.get());
        assertTrue(client.closed.get());
    }
}
