package io.panelx.it;

import static io.panelx.it.PanelX.*;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.*;

import io.panelx.it.jmxprobe.PlatformMBeansProbe;
import io.panelx.line.Refusal;
import io.panelx.monitoring.ChannelMXBean;
import io.panelx.monitoring.MBeanRegistration;
import io.panelx.monitoring.PanelMXBean;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.management.JMX;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.as.controller.client.ModelControllerClient;
import org.jboss.dmr.ModelNode;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Monitoring on the real EAR: the MXBeans read in the server through the platform MBeanServer (via
 * a small probe deployment) and remotely over remote+http with management credentials, and the
 * Prometheus endpoint; all of them must show the dashboard snapshot's figures and the ledger's
 * connections, and the JMX kill operation must end a real player's connection.
 */
@ExtendWith(ArquillianExtension.class)
class MonitoringIT {

    static final int MANAGEMENT_PORT = Integer.getInteger("panelx.management.port", 9990);
    static final String JMX_URL = "service:jmx:remote+http://127.0.0.1:" + MANAGEMENT_PORT;
    static final String PROBE = BASE + "/jmx-probe/mbeans";

    /** The refusal reasons, as JMX and the snapshot name them. */
    static final SortedSet<String> REFUSALS =
            Arrays.stream(Refusal.values())
                    .map(Enum::name)
                    .collect(Collectors.toCollection(TreeSet::new));

    @Deployment(name = "panelx", order = 1, testable = false)
    static EnterpriseArchive panelx() {
        return PanelX.ear();
    }

    /** Reads the platform MBeanServer inside the server JVM: see PlatformMBeansProbe. */
    @Deployment(name = "jmx-probe", order = 2, testable = false)
    static WebArchive probe() {
        return ShrinkWrap.create(WebArchive.class, "jmx-probe.war")
                .addClass(PlatformMBeansProbe.class);
    }

    // --- without players -------------------------------------------------------------------

    @Test
    void panelMXBeanIsInThePlatformMBeanServerWithTheSnapshotFigures() {
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(
                        () -> {
                            JsonObject before = snapshot().getJsonObject("totals");
                            JsonObject panel = probePanel();
                            JsonObject after = snapshot().getJsonObject("totals");
                            assertTotalsAgree(before, probeFigures(panel), after);
                        });
        JsonObject panel = probePanel();
        assertEquals(REFUSALS, new TreeSet<>(panel.getJsonObject("ConnectionsRefused").keySet()));
    }

    @Test
    void remoteJmxOverManagementInterfaceShowsTheSameFigures() throws Exception {
        try (JMXConnector jmx = connect(jmxUser(), jmxPassword())) {
            PanelMXBean panel = panel(jmx.getMBeanServerConnection());
            await().atMost(Duration.ofSeconds(20))
                    .untilAsserted(
                            () -> {
                                JsonObject before = snapshot().getJsonObject("totals");
                                Map<String, Long> remote = remoteFigures(panel);
                                JsonObject after = snapshot().getJsonObject("totals");
                                assertTotalsAgree(before, remote, after);
                            });
            assertFalse(panel.killConnection("no-such-connection"), "nothing to kill");
            // a client without PanelX's classes still gets a readable error
            var unknown =
                    assertThrows(RuntimeException.class, () -> panel.startChannel(999_999_999L));
            assertTrue(
                    String.valueOf(unknown.getMessage()).contains("no channel"),
                    unknown.toString());
        }
    }

    @Test
    void remoteJmxRefusesAWrongPassword() {
        Exception refused =
                assertThrows(Exception.class, () -> connect(jmxUser(), "wrong-password").close());
        assertTrue(
                refused instanceof SecurityException
                        || String.valueOf(refused.getMessage())
                                .toLowerCase()
                                .contains("authentication"),
                "refused for its credentials: " + refused);
    }

    @Test
    void metricsAreRefusedWithoutAdminCredentials() {
        for (String authorization :
                new String[] {
                    null, basic(ADMIN_USER, "wrong"), basic("demo", "demo"), "Basic !!"
                }) {
            var r = metrics(authorization);
            assertEquals(401, r.statusCode(), "Authorization: " + authorization);
            assertTrue(
                    r.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Basic"),
                    "Basic challenge");
            assertFalse(r.body().contains("panelx_"), "no figures without credentials");
        }
    }

    @Test
    void metricsWithAdminBasicShowTheSnapshotFigures() {
        var r = metrics(basic(ADMIN_USER, ADMIN_PASSWORD));
        assertEquals(200, r.statusCode(), r.body());
        String contentType = r.headers().firstValue("Content-Type").orElse("");
        assertTrue(
                contentType.startsWith("text/plain") && contentType.contains("version=0.0.4"),
                "text exposition format 0.0.4: " + contentType);
        // A scraper sends Basic every time: the login must not outlive the request.
        for (String cookie : r.headers().allValues("Set-Cookie")) {
            var again =
                    send(
                            HttpRequest.newBuilder(URI.create(BASE + "/metrics"))
                                    .header("Cookie", cookie.split(";", 2)[0]));
            assertEquals(401, again.statusCode(), "session left logged in: " + cookie);
        }
        assertTrue(r.body().contains("# TYPE panelx_viewers gauge"));
        assertTrue(r.body().contains("# TYPE panelx_outbound_bytes_total counter"));
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(
                        () -> {
                            JsonObject before = snapshot().getJsonObject("totals");
                            Map<String, Long> prometheus = prometheusFigures(scrape());
                            JsonObject after = snapshot().getJsonObject("totals");
                            assertTotalsAgree(before, prometheus, after);
                        });
    }

    @Test
    void metricsAreOpenToTheAllowedNetworks() throws Exception {
        assertEquals(401, metrics(null).statusCode());
        // The server saves the change in standalone.xml: put the ${env...} expression back after.
        ModelNode configured = metricsAllowed();
        setMetricsAllowed(new ModelNode("10.0.0.0/8, 127.0.0.1"));
        try {
            var r = metrics(null);
            assertEquals(200, r.statusCode(), r.body());
            assertTrue(r.body().contains("panelx_running_channels "));
        } finally {
            setMetricsAllowed(configured);
        }
        assertEquals(401, metrics(null).statusCode());
    }

    @Test
    void liveSnapshotIsForAdminsOnly() throws Exception {
        var anonymous =
                HTTP.send(
                        HttpRequest.newBuilder(URI.create(BASE + "/api/v1/live/snapshot")).build(),
                        HttpResponse.BodyHandlers.ofString());
        assertEquals(401, anonymous.statusCode());
        JsonObject snapshot = snapshot();
        assertTrue(snapshot.containsKey("at"));
        assertTrue(snapshot.getJsonObject("totals").containsKey("refused"));
    }

    // --- with real players -----------------------------------------------------------------

    /**
     * Two real players, one on the demo FFmpeg channel (mpv) and one on a direct-proxy channel
     * whose upstream the test runs (ffmpeg as the player): JMX in the server and remote,
     * Prometheus, the snapshot and the ledger agree; the JMX kill ends each player and is recorded.
     */
    @Test
    void playersOfBothPathsAreSeenAlikeAndTheKillOperationEndsThem() throws Exception {
        String username = unique("jmx");
        long lineId =
                createLine(
                        "{\"username\":\""
                                + username
                                + "\",\"password\":\"pw-jmx\",\"maxConnections\":4}");
        int upstreamPort = freePort();
        Process upstream =
                start(
                        "upstream",
                        Players.testPattern(
                                "-f",
                                "mpegts",
                                "-listen",
                                "1",
                                "http://127.0.0.1:" + upstreamPort + "/up.ts"));
        List<Process> players = new ArrayList<>();
        long directId = -1;
        try {
            directId =
                    createChannel(
                            "{\"name\":\""
                                    + unique("Direct JMX")
                                    + "\",\"deliveryMode\":\"DIRECT\",\"sources\":"
                                    + "[\"http://127.0.0.1:"
                                    + upstreamPort
                                    + "/up.ts\"]}");
            String streams = BASE + "/live/" + username + "/pw-jmx/";
            Process ffmpegChannelPlayer =
                    start(
                            "mpv",
                            List.of(
                                    "mpv",
                                    "--no-config",
                                    "--really-quiet",
                                    "--vo=null",
                                    "--ao=null",
                                    streams + "1.ts"));
            players.add(ffmpegChannelPlayer);
            Process directChannelPlayer =
                    start(
                            "player",
                            List.of(
                                    "ffmpeg",
                                    "-nostdin",
                                    "-hide_banner",
                                    "-loglevel",
                                    "error",
                                    "-i",
                                    streams + directId + ".ts",
                                    "-map",
                                    "0",
                                    "-c",
                                    "copy",
                                    "-f",
                                    "null",
                                    "-"));
            players.add(directChannelPlayer);

            // Both viewers connected, received bytes and are in the ledger.
            final long direct = directId;
            await().atMost(Duration.ofSeconds(90))
                    .pollInterval(Duration.ofMillis(500))
                    .untilAsserted(
                            () -> {
                                var mine = connectionsOf(snapshot(), lineId);
                                assertEquals(2, mine.size(), "viewers of the test line: " + mine);
                                for (JsonObject c : mine) {
                                    assertTrue(
                                            c.getJsonNumber("bytesSent").longValue() > 0,
                                            c.toString());
                                }
                            });
            Map<Long, JsonObject> byChannel = new HashMap<>();
            for (JsonObject c : connectionsOf(snapshot(), lineId)) {
                byChannel.put(c.getJsonNumber("channelId").longValue(), c);
            }
            JsonObject ffmpegViewer = byChannel.get(1L);
            JsonObject proxyViewer = byChannel.get(direct);
            assertNotNull(ffmpegViewer, "viewer of the FFmpeg channel");
            assertNotNull(proxyViewer, "viewer of the direct channel");
            assertEquals("FFMPEG", ffmpegViewer.getString("origin"));
            assertEquals("PROXY", proxyViewer.getString("origin"));

            await().atMost(Duration.ofSeconds(10))
                    .untilAsserted(
                            () -> {
                                var open =
                                        array(
                                                get("/api/v1/connections?open=true&line=" + lineId)
                                                        .body());
                                var ids = new TreeSet<String>();
                                open.forEach(v -> ids.add(v.asJsonObject().getString("id")));
                                assertEquals(
                                        new TreeSet<>(
                                                List.of(
                                                        ffmpegViewer.getString("connectionId"),
                                                        proxyViewer.getString("connectionId"))),
                                        ids,
                                        "ledger's open connections = snapshot's");
                            });

            // In the server: the platform MBeanServer.
            await().atMost(Duration.ofSeconds(20))
                    .untilAsserted(
                            () -> {
                                JsonObject before = snapshot();
                                JsonObject panel = probePanel();
                                JsonObject channels = probe("io.panelx:type=Channel,*");
                                JsonObject after = snapshot();
                                assertTotalsAgree(
                                        before.getJsonObject("totals"),
                                        probeFigures(panel),
                                        after.getJsonObject("totals"));
                                assertTrue(panel.getInt("ProxyViewers") >= 1);
                                assertTrue(panel.getInt("FfmpegViewers") >= 1);
                                assertTrue(panel.getInt("FfmpegProcesses") >= 1);
                                var ids = new HashSet<String>();
                                panel.getJsonArray("ConnectionIds")
                                        .forEach(v -> ids.add(((JsonString) v).getString()));
                                assertTrue(ids.contains(ffmpegViewer.getString("connectionId")));
                                assertTrue(ids.contains(proxyViewer.getString("connectionId")));
                                assertChannelsAgree(before, probeChannels(channels), after);
                            });
            JsonObject demoBean = probeChannel(1);
            assertEquals("FFMPEG", demoBean.getString("Origin"));
            assertTrue(demoBean.getJsonNumber("FfmpegPid").longValue() > 0, "FFmpeg pid");
            assertTrue(
                    ProcessHandle.of(demoBean.getJsonNumber("FfmpegPid").longValue()).isPresent(),
                    "the pid is a live process");
            JsonObject directBean = probeChannel(direct);
            assertEquals("PROXY", directBean.getString("Origin"));
            assertEquals(0, directBean.getJsonNumber("FfmpegPid").longValue());

            // Remotely over remote+http, and Prometheus.
            try (JMXConnector jmx = connect(jmxUser(), jmxPassword())) {
                MBeanServerConnection connection = jmx.getMBeanServerConnection();
                PanelMXBean panel = panel(connection);
                await().atMost(Duration.ofSeconds(20))
                        .untilAsserted(
                                () -> {
                                    JsonObject before = snapshot();
                                    Map<String, Long> remote = remoteFigures(panel);
                                    Map<Long, Map<String, Object>> channels =
                                            remoteChannels(connection);
                                    String scrape = scrape();
                                    JsonObject after = snapshot();
                                    assertTotalsAgree(
                                            before.getJsonObject("totals"),
                                            remote,
                                            after.getJsonObject("totals"));
                                    assertChannelsAgree(before, channels, after);
                                    assertTotalsAgree(
                                            before.getJsonObject("totals"),
                                            prometheusFigures(scrape),
                                            after.getJsonObject("totals"));
                                    assertChannelsAgree(before, prometheusChannels(scrape), after);
                                });

                // The kill operation, remotely: the direct channel's player ends.
                assertTrue(panel.killConnection(proxyViewer.getString("connectionId")));
                await().atMost(Duration.ofSeconds(20)).until(() -> !directChannelPlayer.isAlive());
                assertEndedBy(proxyViewer.getString("connectionId"), "KILLED_BY_ADMIN");
            }

            // The kill operation through the platform MBeanServer in the server: mpv ends.
            JsonObject killed =
                    invoke(
                            MBeanRegistration.PANEL.getCanonicalName(),
                            "killConnection",
                            ffmpegViewer.getString("connectionId"),
                            "java.lang.String");
            assertEquals(JsonValue.TRUE, killed.get("result"));
            await().atMost(Duration.ofSeconds(20)).until(() -> !ffmpegChannelPlayer.isAlive());
            assertEndedBy(ffmpegViewer.getString("connectionId"), "KILLED_BY_ADMIN");

            // Stopping the direct channel removes its MXBean.
            invoke(
                    MBeanRegistration.PANEL.getCanonicalName(),
                    "stopChannel",
                    String.valueOf(direct),
                    "long");
            await().atMost(Duration.ofSeconds(20))
                    .untilAsserted(() -> assertNull(probeChannelOrNull(direct), "MXBean gone"));
        } finally {
            players.forEach(Process::destroyForcibly);
            upstream.destroyForcibly();
            if (directId > 0) {
                delete("/api/v1/channels/" + directId);
            }
            delete("/api/v1/lines/" + lineId);
        }
    }

    // --- comparing figures -----------------------------------------------------------------

    /** The totals JMX and Prometheus report, under the snapshot's JSON names. */
    static final List<String> STABLE =
            List.of(
                    "viewers",
                    "proxyViewers",
                    "ffmpegViewers",
                    "runningChannels",
                    "ffmpegProcesses",
                    "proxyConnectionsTotal",
                    "ffmpegConnectionsTotal");

    /**
     * Figures that only change when a viewer or channel comes or goes must equal the snapshot taken
     * before and after the read (the caller retries when something moved in between); bytes only
     * grow, so the read must lie between the two snapshots.
     */
    static void assertTotalsAgree(JsonObject before, Map<String, Long> read, JsonObject after) {
        for (String figure : STABLE) {
            long b = before.getJsonNumber(figure).longValue();
            assertEquals(b, after.getJsonNumber(figure).longValue(), figure + " moved meanwhile");
            assertEquals(b, read.get(figure), figure + ": " + read);
        }
        JsonObject refusedBefore = before.getJsonObject("refused");
        JsonObject refusedAfter = after.getJsonObject("refused");
        for (String reason : REFUSALS) {
            long b = refusedBefore.getJsonNumber(reason).longValue();
            assertEquals(b, refusedAfter.getJsonNumber(reason).longValue(), reason + " moved");
            assertEquals(b, read.get("refused." + reason), "refused " + reason);
        }
        long bytesOut = read.get("bytesOut");
        assertTrue(before.getJsonNumber("bytesOut").longValue() <= bytesOut, "bytesOut");
        assertTrue(bytesOut <= after.getJsonNumber("bytesOut").longValue(), "bytesOut");
    }

    /** Per running channel: id, state, origin, viewers, FFmpeg pid and restarts. */
    static void assertChannelsAgree(
            JsonObject before, Map<Long, Map<String, Object>> read, JsonObject after) {
        Map<Long, Map<String, Object>> expected = snapshotChannels(before);
        assertEquals(expected, snapshotChannels(after), "channels moved meanwhile");
        assertEquals(expected, read);
    }

    static Map<Long, Map<String, Object>> snapshotChannels(JsonObject snapshot) {
        var channels = new TreeMap<Long, Map<String, Object>>();
        for (var v : snapshot.getJsonArray("channels")) {
            JsonObject c = v.asJsonObject();
            channels.put(
                    c.getJsonNumber("channelId").longValue(),
                    channel(
                            c.getString("state"),
                            c.getString("origin", null),
                            c.getInt("viewers"),
                            c.getJsonNumber("ffmpegPid").longValue(),
                            c.getInt("restarts")));
        }
        return channels;
    }

    static Map<String, Object> channel(
            String state, String origin, long viewers, long ffmpegPid, long restarts) {
        var figures = new TreeMap<String, Object>();
        figures.put("state", state);
        figures.put("origin", String.valueOf(origin));
        figures.put("viewers", viewers);
        figures.put("ffmpegPid", ffmpegPid);
        figures.put("restarts", restarts);
        return figures;
    }

    // --- the snapshot, the probe, remote JMX, Prometheus -----------------------------------

    static JsonObject snapshot() {
        var r = get("/api/v1/live/snapshot");
        assertEquals(200, r.statusCode(), r.body());
        return object(r.body());
    }

    static List<JsonObject> connectionsOf(JsonObject snapshot, long lineId) {
        var mine = new ArrayList<JsonObject>();
        for (var v : snapshot.getJsonArray("connections")) {
            if (v.asJsonObject().getJsonNumber("lineId").longValue() == lineId) {
                mine.add(v.asJsonObject());
            }
        }
        return mine;
    }

    static JsonObject probe(String pattern) {
        var r =
                send(
                        HttpRequest.newBuilder(
                                URI.create(
                                        PROBE
                                                + "?pattern="
                                                + URLEncoder.encode(
                                                        pattern, StandardCharsets.UTF_8))));
        assertEquals(200, r.statusCode(), r.body());
        return object(r.body());
    }

    static JsonObject probePanel() {
        JsonObject panel = probe(MBeanRegistration.PANEL.getCanonicalName());
        assertEquals(1, panel.size(), "io.panelx:type=Panel registered: " + panel);
        return panel.getJsonObject(MBeanRegistration.PANEL.getCanonicalName());
    }

    static JsonObject probeChannelOrNull(long channelId) {
        JsonObject found = probe("io.panelx:type=Channel,id=" + channelId + ",*");
        return found.isEmpty() ? null : found.values().iterator().next().asJsonObject();
    }

    static JsonObject probeChannel(long channelId) {
        JsonObject bean = probeChannelOrNull(channelId);
        assertNotNull(bean, "MXBean of channel " + channelId);
        return bean;
    }

    static Map<String, Long> probeFigures(JsonObject panel) {
        var figures = new HashMap<String, Long>();
        for (String figure : STABLE) {
            figures.put(figure, panel.getJsonNumber(attribute(figure)).longValue());
        }
        figures.put("bytesOut", panel.getJsonNumber("BytesOut").longValue());
        panel.getJsonObject("ConnectionsRefused")
                .forEach((k, v) -> figures.put("refused." + k, ((JsonNumber) v).longValue()));
        return figures;
    }

    static Map<Long, Map<String, Object>> probeChannels(JsonObject beans) {
        var channels = new TreeMap<Long, Map<String, Object>>();
        for (var v : beans.values()) {
            JsonObject b = v.asJsonObject();
            channels.put(
                    b.getJsonNumber("ChannelId").longValue(),
                    channel(
                            b.getString("State"),
                            b.getString("Origin", null),
                            b.getInt("Viewers"),
                            b.getJsonNumber("FfmpegPid").longValue(),
                            b.getInt("Restarts")));
        }
        return channels;
    }

    static JsonObject invoke(String name, String operation, String arg, String type) {
        String query =
                "?name="
                        + URLEncoder.encode(name, StandardCharsets.UTF_8)
                        + "&operation="
                        + operation
                        + "&arg="
                        + URLEncoder.encode(arg, StandardCharsets.UTF_8)
                        + "&type="
                        + type;
        var r =
                send(
                        HttpRequest.newBuilder(URI.create(PROBE + query))
                                .POST(HttpRequest.BodyPublishers.noBody()));
        assertEquals(200, r.statusCode(), r.body());
        return object(r.body());
    }

    static String jmxUser() {
        return System.getenv().getOrDefault("PANELX_JMX_USER", "jmx");
    }

    static String jmxPassword() {
        return System.getenv().getOrDefault("PANELX_JMX_PASSWORD", "it-jmx-secret-1!");
    }

    static JMXConnector connect(String user, String password) throws IOException {
        return JMXConnectorFactory.connect(
                new JMXServiceURL(JMX_URL),
                Map.of(JMXConnector.CREDENTIALS, new String[] {user, password}));
    }

    static PanelMXBean panel(MBeanServerConnection connection) {
        return JMX.newMXBeanProxy(connection, MBeanRegistration.PANEL, PanelMXBean.class);
    }

    static Map<String, Long> remoteFigures(PanelMXBean panel) {
        var figures = new HashMap<String, Long>();
        figures.put("viewers", (long) panel.getViewers());
        figures.put("proxyViewers", (long) panel.getProxyViewers());
        figures.put("ffmpegViewers", (long) panel.getFfmpegViewers());
        figures.put("runningChannels", (long) panel.getRunningChannels());
        figures.put("ffmpegProcesses", (long) panel.getFfmpegProcesses());
        figures.put("proxyConnectionsTotal", panel.getProxyConnectionsTotal());
        figures.put("ffmpegConnectionsTotal", panel.getFfmpegConnectionsTotal());
        figures.put("bytesOut", panel.getBytesOut());
        panel.getConnectionsRefused().forEach((k, v) -> figures.put("refused." + k, v));
        return figures;
    }

    static Map<Long, Map<String, Object>> remoteChannels(MBeanServerConnection connection)
            throws Exception {
        var channels = new TreeMap<Long, Map<String, Object>>();
        for (ObjectName name :
                connection.queryNames(new ObjectName("io.panelx:type=Channel,*"), null)) {
            ChannelMXBean c = JMX.newMXBeanProxy(connection, name, ChannelMXBean.class);
            assertEquals(String.valueOf(c.getChannelId()), name.getKeyProperty("id"));
            assertEquals(ObjectName.quote(c.getName()), name.getKeyProperty("name"));
            channels.put(
                    c.getChannelId(),
                    channel(
                            c.getState(),
                            c.getOrigin(),
                            c.getViewers(),
                            c.getFfmpegPid(),
                            c.getRestarts()));
        }
        return channels;
    }

    static HttpResponse<String> metrics(String authorization) {
        var request = HttpRequest.newBuilder(URI.create(BASE + "/metrics"));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return send(request);
    }

    static String scrape() {
        var r = metrics(basic(ADMIN_USER, ADMIN_PASSWORD));
        assertEquals(200, r.statusCode(), r.body());
        return r.body();
    }

    /** Samples by series ("name{labels}"). */
    static Map<String, Long> samples(String text) {
        var samples = new HashMap<String, Long>();
        for (String line : text.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int space = line.lastIndexOf(' ');
            samples.put(line.substring(0, space), Long.parseLong(line.substring(space + 1)));
        }
        return samples;
    }

    static Map<String, Long> prometheusFigures(String text) {
        Map<String, Long> s = samples(text);
        var figures = new HashMap<String, Long>();
        long proxy = s.get("panelx_viewers{origin=\"proxy\"}");
        long ffmpeg = s.get("panelx_viewers{origin=\"ffmpeg\"}");
        figures.put("viewers", proxy + ffmpeg);
        figures.put("proxyViewers", proxy);
        figures.put("ffmpegViewers", ffmpeg);
        figures.put("runningChannels", s.get("panelx_running_channels"));
        figures.put("ffmpegProcesses", s.get("panelx_ffmpeg_processes"));
        figures.put("proxyConnectionsTotal", s.get("panelx_connections_total{origin=\"proxy\"}"));
        figures.put("ffmpegConnectionsTotal", s.get("panelx_connections_total{origin=\"ffmpeg\"}"));
        figures.put("bytesOut", s.get("panelx_outbound_bytes_total"));
        for (String reason : REFUSALS) {
            figures.put(
                    "refused." + reason,
                    s.get(
                            "panelx_connections_refused_total{reason=\""
                                    + reason.toLowerCase(Locale.ROOT)
                                    + "\"}"));
        }
        return figures;
    }

    static Map<Long, Map<String, Object>> prometheusChannels(String text) {
        var channels = new TreeMap<Long, Map<String, Object>>();
        var info =
                Pattern.compile(
                        "panelx_channel_info\\{(channel_id=\"(\\d+)\",channel=\"(?:[^\"\\\\]|\\\\.)*\")"
                                + ",state=\"(\\w+)\",origin=\"(\\w*)\"} 1");
        Map<String, Long> s = samples(text);
        var m = info.matcher(text);
        while (m.find()) {
            String labels = "{" + m.group(1) + "}";
            channels.put(
                    Long.parseLong(m.group(2)),
                    channel(
                            m.group(3).toUpperCase(Locale.ROOT),
                            m.group(4).isEmpty() ? "null" : m.group(4).toUpperCase(Locale.ROOT),
                            s.get("panelx_channel_viewers" + labels),
                            s.get("panelx_channel_ffmpeg_pid" + labels),
                            s.get("panelx_channel_restarts" + labels)));
        }
        return channels;
    }

    // --- helpers ---------------------------------------------------------------------------

    static String attribute(String figure) {
        return Character.toUpperCase(figure.charAt(0)) + figure.substring(1);
    }

    static void assertEndedBy(String connectionId, String reason) {
        await().atMost(Duration.ofSeconds(15))
                .untilAsserted(
                        () -> {
                            var r = get("/api/v1/connections/" + connectionId);
                            assertEquals(200, r.statusCode(), r.body());
                            JsonObject record = object(r.body());
                            assertTrue(record.containsKey("endedAt"), record.toString());
                            assertEquals(reason, record.getString("endReason"));
                        });
    }

    /** The configured value, unresolved: an expression stays an expression. */
    static ModelNode metricsAllowed() throws IOException {
        ModelNode op = new ModelNode();
        op.get("operation").set("read-attribute");
        op.get("address").add("system-property", "panelx.metrics-allowed");
        op.get("name").set("value");
        return management(op);
    }

    /** Changes the setting at runtime, as an operator would with the CLI. */
    static void setMetricsAllowed(ModelNode value) throws IOException {
        ModelNode op = new ModelNode();
        op.get("operation").set("write-attribute");
        op.get("address").add("system-property", "panelx.metrics-allowed");
        op.get("name").set("value");
        op.get("value").set(value);
        management(op);
    }

    static ModelNode management(ModelNode op) throws IOException {
        try (var client = ModelControllerClient.Factory.create("127.0.0.1", MANAGEMENT_PORT)) {
            ModelNode response = client.execute(op);
            assertEquals("success", response.get("outcome").asString(), response.toString());
            return response.get("result");
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    static Process start(String name, List<String> command) throws IOException {
        File log = new File("target/monitoring-" + name + ".log");
        return new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .start();
    }
}
