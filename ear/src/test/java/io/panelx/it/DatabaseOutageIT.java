package io.panelx.it;

import static io.panelx.it.PanelX.*;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The database goes away for 30 s while viewers watch and more connect: streaming and admission go
 * on, the dashboard says the database is down and up again, and once it is back every connection
 * has its record with exactly the bytes its player received. Runs against the local PostgreSQL only
 * (stopped and started from the test, and started again whatever happens).
 */
@ExtendWith(ArquillianExtension.class)
class DatabaseOutageIT {

    @RegisterExtension static final SharedUpstream upstream = new SharedUpstream();

    static final int WATCHING = 50, CONNECTING = 20;

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return PanelX.ear();
    }

    @Test
    void viewersAndRecordsSurviveThirtySecondsWithoutTheDatabase() throws Exception {
        Assumptions.assumeTrue(
                "postgresql".equals(System.getProperty("panelx.db")),
                "needs the local PostgreSQL, which the test stops and starts");
        long channel = LiveDeliveryIT.directChannel(upstream.url());
        var line = LiveDeliveryIT.line("\"maxConnections\":100");
        var players = new ArrayList<StreamClient>();
        try {
            for (int i = 0; i < WATCHING; i++) {
                players.add(StreamClient.open(line.path(channel, ".ts")));
            }
            for (var p : players) assertEquals(200, p.status());
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> players.stream().allMatch(p -> p.bytes() > 20_000));
            await().atMost(Duration.ofSeconds(10)).until(() -> recordsOf(line.id()) == WATCHING);

            long outageStarted = System.nanoTime();
            try {
                postgres("stop");
                await().atMost(Duration.ofSeconds(15)).until(() -> !databaseUp());
                var late = new ArrayList<StreamClient>();
                for (int i = 0; i < CONNECTING; i++) {
                    late.add(StreamClient.open(line.path(channel, ".ts")));
                }
                for (var p : late) assertEquals(200, p.status(), "admitted without the database");
                players.addAll(late);
                long[] before = players.stream().mapToLong(StreamClient::bytes).toArray();
                await().atMost(Duration.ofSeconds(20))
                        .until(
                                () -> {
                                    for (int i = 0; i < before.length; i++) {
                                        if (players.get(i).bytes() < before[i] + 20_000) {
                                            return false;
                                        }
                                    }
                                    return true;
                                });
                assertTrue(players.stream().noneMatch(StreamClient::hasEnded), "nobody dropped");
                await().atMost(Duration.ofSeconds(35))
                        .until(() -> System.nanoTime() - outageStarted > 30_000_000_000L);
            } finally {
                postgres("start");
            }
            await().atMost(Duration.ofSeconds(30)).until(DatabaseOutageIT::databaseUp);
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> recordsOf(line.id()) == WATCHING + CONNECTING);
            // Every player is ended by the server and reads to the end: bytes must match.
            delete("/api/v1/live/lines/" + line.id() + "/connections");
            var received = new ArrayList<Long>();
            for (var p : players) received.add(p.awaitEnd(30));
            await().atMost(Duration.ofSeconds(20))
                    .until(
                            () ->
                                    array(
                                                            get("/api/v1/connections?open=false&line="
                                                                            + line.id())
                                                                    .body())
                                                    .size()
                                            == WATCHING + CONNECTING);
            for (int i = 0; i < players.size(); i++) {
                var r = LiveDeliveryIT.record(players.get(i).connectionId());
                assertNotNull(r, "record of connection " + i);
                assertEquals(
                        (long) received.get(i),
                        r.getJsonNumber("bytesSent").longValue(),
                        "bytes of connection " + i);
            }
        } finally {
            for (var p : players) p.close();
        }
    }

    static int recordsOf(long lineId) {
        var r = get("/api/v1/connections?limit=1000&line=" + lineId);
        return r.statusCode() == 200 ? array(r.body()).size() : -1;
    }

    static boolean databaseUp() {
        var r = get("/api/v1/live/snapshot");
        return r.statusCode() == 200
                && object(r.body()).getJsonObject("totals").getBoolean("databaseUp");
    }

    /** Stops or starts the machine's PostgreSQL cluster (the one the test server uses). */
    static void postgres(String action) throws IOException, InterruptedException {
        String version = new java.io.File("/etc/postgresql").list()[0];
        var p =
                new ProcessBuilder(
                                List.of(
                                        "pg_ctlcluster",
                                        "--skip-systemctl-redirect",
                                        version,
                                        "main",
                                        action))
                        .inheritIO()
                        .start();
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("pg_ctlcluster " + action + " failed");
        }
    }
}
