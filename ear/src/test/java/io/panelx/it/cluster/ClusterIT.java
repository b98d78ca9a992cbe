package io.panelx.it.cluster;

import static io.panelx.it.cluster.ClusterNodes.*;
import static org.junit.jupiter.api.Assertions.*;

import io.panelx.it.Players;
import io.panelx.it.RawHttp;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The cluster as an operator brings it up from the README: the balancer and two nodes on one
 * PostgreSQL, started by ./panelx.sh balancer and ./panelx.sh node N (ClusterNodes).
 *
 * <p>Runs in its own execution (it-cluster, PostgreSQL profile) and nowhere else.
 */
@ExtendWith(ClusterNodes.class)
@EnabledIfSystemProperty(named = "panelx.it.cluster", matches = "true")
class ClusterIT {

    @BeforeEach
    void everyNodeRuns() {
        ensureRunning(); // a test of another class may have killed one
    }

    @Test
    void bothNodesAreMembersOfOneView() {
        for (var node : nodes()) {
            assertEquals(
                    List.of("node1", "node2"),
                    view(node).stream().sorted().toList(),
                    node + ": the JGroups view (JDBC_PING discovery, no multicast)");
        }
    }

    @Test
    void aPlayerThroughTheBalancerPlaysTheDemoChannel() throws Exception {
        var codecs = Players.ffprobeCodecs(balancer().base() + "/live/demo/demo/1.ts");
        assertTrue(codecs.containsAll(List.of("h264", "aac")), "decodable: " + codecs);
    }

    @Test
    void theBalancerWithoutNodesAnswers503WithoutLeaks() {
        var alone = balancerAlone;
        assertEquals(503, alone.statusCode(), "no node yet: " + alone.body());
        var answer =
                new RawHttp.Answer(
                        alone.statusCode(),
                        "HTTP/1.1 "
                                + alone.statusCode()
                                + "\r\n"
                                + String.join(
                                        "\r\n",
                                        alone.headers().map().entrySet().stream()
                                                .map(e -> e.getKey() + ": " + e.getValue().get(0))
                                                .toList()),
                        alone.body());
        assertNull(RawHttp.leak(answer), "the balancer alone gives away: " + answer);
    }

    @Test
    void garbageThroughTheBalancerIsAShortAnswerWithoutLeaks() {
        int port = URI.create(balancer().base()).getPort();
        for (var request :
                List.of(
                        RawHttp.request("GET", "/no/such/thing", List.of(), null),
                        RawHttp.request("GET", "/live/%zz/..%2f..%2f/1.ts", List.of(), null),
                        RawHttp.request("HEAD", "/live/demo/wrong/1.ts", List.of(), null),
                        RawHttp.request("BREW", "/", List.of(), null),
                        RawHttp.request("GET", "/" + "x".repeat(20_000), List.of(), null),
                        "GARBAGE\r\n\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII))) {
            var answer = RawHttp.send(port, request, 10_000);
            String what = new String(request, 0, Math.min(60, request.length));
            assertTrue(
                    answer.status() == 0 || answer.status() < 500 || answer.status() == 503,
                    what + " -> " + answer.status());
            assertNull(RawHttp.leak(answer), what + " gives away: " + answer);
        }
    }
}
