package io.panelx.it;

import static io.panelx.it.PanelX.*;
import static org.junit.jupiter.api.Assertions.*;

import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * RTMP push ingest ports: each channel with a push source holds one port of the configured range
 * (the test server's is {@code panelx.it.ingest-ports}), kept across updates, released when the
 * channel has no push source left or is deleted; a full range is refused with a clear 409, also
 * when many channels are created at once. (A publisher really pushing to the port: SourcesIT.)
 */
@ExtendWith(ArquillianExtension.class)
class IngestPortsIT {

    private static final int FIRST;
    private static final int LAST;

    static {
        String[] range = System.getProperty("panelx.it.ingest-ports", "19350-19365").split("-");
        FIRST = Integer.parseInt(range[0].trim());
        LAST = Integer.parseInt(range[1].trim());
    }

    private final List<Long> created = new ArrayList<>();

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return PanelX.ear();
    }

    @AfterEach
    void deleteChannels() {
        for (long id : created) {
            delete("/api/v1/channels/" + id);
        }
    }

    /** On demand: nothing listens before a viewer comes, these tests only look at the ports. */
    private static String pushChannel(String... sources) {
        return "{\"name\":\""
                + unique("ingest")
                + "\",\"deliveryMode\":\"FFMPEG\",\"onDemand\":true,\"sources\":[\""
                + String.join("\",\"", sources)
                + "\"]}";
    }

    private JsonObject create(String json) {
        var r = post("/api/v1/channels", json);
        assertEquals(201, r.statusCode(), r.body());
        JsonObject c = object(r.body());
        created.add(c.getJsonNumber("id").longValue());
        return c;
    }

    private static int port(JsonObject channel) {
        assertTrue(channel.containsKey("ingestPort"), "a push channel has a port: " + channel);
        int port = channel.getInt("ingestPort");
        assertTrue(port >= FIRST && port <= LAST, port + " lies in " + FIRST + "-" + LAST);
        return port;
    }

    private static JsonObject fetch(long id) {
        var r = get("/api/v1/channels/" + id);
        assertEquals(200, r.statusCode(), r.body());
        return object(r.body());
    }

    private static long takenPorts() {
        return array(get("/api/v1/channels").body()).stream()
                .map(v -> v.asJsonObject())
                .filter(c -> c.containsKey("ingestPort"))
                .count();
    }

    @Test
    void pushChannelsGetDistinctPortsThatStayAcrossUpdates() {
        JsonObject a = create(pushChannel("push:alpha"));
        JsonObject b = create(pushChannel("push:beta"));
        long idA = a.getJsonNumber("id").longValue();
        int portA = port(a);
        int portB = port(b);
        assertNotEquals(portA, portB);
        assertEquals("rtmp://127.0.0.1:" + portA + "/live/alpha", a.getString("ingestUrl"));
        assertEquals("rtmp://127.0.0.1:" + portB + "/live/beta", b.getString("ingestUrl"));

        // A new key, a backup push source, a new name: the same port, shared by both sources.
        var r =
                put(
                        "/api/v1/channels/" + idA,
                        "{\"name\":\"renamed\",\"sources\":[\"push:alpha2\",\"push:spare\"]}");
        assertEquals(200, r.statusCode(), r.body());
        assertEquals(portA, port(object(r.body())));
        JsonObject again = fetch(idA);
        assertEquals(portA, port(again));
        assertEquals("rtmp://127.0.0.1:" + portA + "/live/alpha2", again.getString("ingestUrl"));
        assertEquals(
                portA,
                array(get("/api/v1/channels").body()).stream()
                        .map(v -> v.asJsonObject())
                        .filter(c -> c.getJsonNumber("id").longValue() == idA)
                        .findFirst()
                        .map(IngestPortsIT::port)
                        .orElseThrow(),
                "the list shows the same port");

        // No push source left: the port is released, and there is no ingest address.
        r = put("/api/v1/channels/" + idA, "{\"sources\":[\"lavfi:testsrc\"]}");
        assertEquals(200, r.statusCode(), r.body());
        JsonObject pulled = object(r.body());
        assertFalse(pulled.containsKey("ingestPort"), pulled.toString());
        assertFalse(pulled.containsKey("ingestUrl"), pulled.toString());
        assertFalse(fetch(idA).containsKey("ingestPort"));

        // The host in the address is the one the admin used.
        var viaProxy =
                send(
                        admin("/api/v1/channels/" + b.getJsonNumber("id"))
                                .header("X-Forwarded-Host", "ingest.example.com")
                                .GET());
        assertEquals(200, viaProxy.statusCode(), viaProxy.body());
        assertEquals(
                "rtmp://ingest.example.com:" + portB + "/live/beta",
                object(viaProxy.body()).getString("ingestUrl"),
                "from a trusted proxy, the forwarded host");
    }

    @Test
    void concurrentCreationsGetDistinctPortsUntilTheRangeIsFull() throws Exception {
        int free = (LAST - FIRST + 1) - (int) takenPorts();
        assertTrue(free >= 2, "the test range has room: " + free + " free ports");
        int attempts = free + 2;
        var start = new CountDownLatch(1);
        var pool = Executors.newFixedThreadPool(attempts);
        var responses = new ArrayList<CompletableFuture<HttpResponse<String>>>();
        try {
            for (int i = 0; i < attempts; i++) {
                String json = pushChannel("push:many" + i);
                responses.add(
                        CompletableFuture.supplyAsync(
                                () -> {
                                    try {
                                        start.await();
                                    } catch (InterruptedException e) {
                                        throw new IllegalStateException(e);
                                    }
                                    return post("/api/v1/channels", json);
                                },
                                pool));
            }
            start.countDown();
            CompletableFuture.allOf(responses.toArray(CompletableFuture[]::new))
                    .get(120, TimeUnit.SECONDS);
        } finally {
            pool.shutdownNow();
        }
        var ports = new HashSet<Integer>();
        var refusals = new ArrayList<JsonObject>();
        for (var f : responses) {
            HttpResponse<String> r = f.get();
            if (r.statusCode() == 201) {
                JsonObject c = object(r.body());
                created.add(c.getJsonNumber("id").longValue());
                assertTrue(ports.add(port(c)), "port " + port(c) + " given twice");
            } else {
                assertEquals(409, r.statusCode(), r.body());
                refusals.add(object(r.body()));
            }
        }
        assertEquals(free, ports.size(), "every free port was given once");
        assertEquals(2, refusals.size(), "the attempts beyond the range were refused");
        for (JsonObject refusal : refusals) {
            assertEquals(409, refusal.getInt("status"));
            String error = refusal.getString("error");
            assertTrue(
                    error.contains("no free RTMP ingest port")
                            && error.contains(FIRST + "-" + LAST),
                    error);
        }

        // A full range refuses an update that adds a push source too, and changes nothing.
        long pulled = createdPulled();
        var r = put("/api/v1/channels/" + pulled, "{\"sources\":[\"push:late\"]}");
        assertEquals(409, r.statusCode(), r.body());
        assertEquals("lavfi:testsrc", fetch(pulled).getJsonArray("sources").getString(0));

        // Deleting one frees its port; the next push channel gets exactly that one.
        long victim = created.remove(0);
        int freed = port(fetch(victim));
        assertEquals(204, delete("/api/v1/channels/" + victim).statusCode());
        assertEquals(freed, port(create(pushChannel("push:next"))));
    }

    private long createdPulled() {
        var c =
                create(
                        "{\"name\":\""
                                + unique("pulled")
                                + "\",\"deliveryMode\":\"FFMPEG\",\"sources\":[\"lavfi:testsrc\"]}");
        assertFalse(c.containsKey("ingestPort"), c.toString());
        return c.getJsonNumber("id").longValue();
    }
}
