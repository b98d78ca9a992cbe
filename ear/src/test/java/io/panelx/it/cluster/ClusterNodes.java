package io.panelx.it.cluster;

import static org.awaitility.Awaitility.await;

import io.panelx.it.PanelX;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.Authenticator;
import java.net.HttpURLConnection;
import java.net.PasswordAuthentication;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A PanelX cluster for the tests: the balancer and two nodes on PostgreSQL, started by the
 * documented commands ({@code ./panelx.sh balancer}, {@code ./panelx.sh node N}), so the tests test
 * what the README tells an operator to run. One cluster per test run: the first class that
 * registers this extension starts it, the end of the run stops it.
 *
 * <p>Its own folders (target/cluster-it, PANELX_CLUSTER_DIR) and its own PostgreSQL schema
 * (panelx_cluster, see SCHEMA; emptied before the start), so neither an operator's var/cluster nor
 * the PostgreSQL pass's public schema is touched. Ports: the balancer at panelx.port.offset, node N
 * at offset + N * 100 (HTTP 8080+, management 9990+, JGroups 7600+).
 */
public final class ClusterNodes implements BeforeAllCallback {

    private static final Logger LOG = Logger.getLogger(ClusterNodes.class.getName());

    private static final int OFFSET = PanelX.PORT_OFFSET;

    /**
     * The schema the cluster's database lives in, inside the PostgreSQL database {@code test}:
     * panelx_cluster, with the port offset appended when there is one, so that checkouts testing
     * side by side (each at its offset) neither drop each other's schema nor share JGroups
     * discovery (JDBC_PING's table is in that schema).
     */
    public static final String SCHEMA =
            System.getProperty(
                    "panelx.it.cluster.schema",
                    OFFSET == 0 ? "panelx_cluster" : "panelx_cluster_" + OFFSET);

    public static final String DB_URL =
            System.getProperty(
                    "panelx.it.cluster.db-url",
                    "jdbc:postgresql://127.0.0.1:5432/test?currentSchema=" + SCHEMA);

    private static final Path ROOT =
            Path.of(System.getProperty("panelx.root", "..")).toAbsolutePath().normalize();
    private static final Path DIR =
            Path.of(System.getProperty("panelx.it.cluster.dir", "target/cluster-it"))
                    .toAbsolutePath();
    private static final String JMX_USER = System.getProperty("panelx.it.jmx.user", "jmx");
    private static final String JMX_PASSWORD =
            System.getProperty("panelx.it.jmx.password", "it-jmx-secret-1!");
    private static final Duration BOOT = Duration.ofSeconds(240);
    private static final Duration VIEW = Duration.ofSeconds(60);

    private static final Map<String, Server> SERVERS = new LinkedHashMap<>();

    /** A server of the cluster: the balancer or a node. */
    public static final class Server {
        final String name;
        final List<String> command;
        final int offset;
        final Map<String, String> env;
        Process script;

        Server(String name, List<String> command, int offset, Map<String, String> env) {
            this.name = name;
            this.command = command;
            this.offset = offset;
            this.env = env;
        }

        public String name() {
            return name;
        }

        /** Its HTTP address, e.g. http://127.0.0.1:8180 for node1 at offset 0. */
        public String base() {
            return "http://127.0.0.1:" + (8080 + offset);
        }

        public int managementPort() {
            return 9990 + offset;
        }

        /** The WildFly JVM (a child of standalone.sh, a child of panelx.sh), while it runs. */
        public Optional<ProcessHandle> jvm() {
            if (script == null) return Optional.empty();
            return script.descendants()
                    .filter(ProcessHandle::isAlive)
                    .filter(
                            p ->
                                    p.info()
                                            .arguments()
                                            .map(Arrays::asList)
                                            .orElse(List.of())
                                            .contains("-Djboss.node.name=" + name))
                    .filter(p -> p.info().command().orElse("").endsWith("java"))
                    .findFirst();
        }

        public long pid() {
            return jvm().orElseThrow(() -> new AssertionError(name + " is not running")).pid();
        }

        /** Where its output goes (panelx.sh and WildFly's console), appended across starts. */
        public Path out() {
            return DIR.resolve(name + ".out");
        }

        public Path log() {
            return DIR.resolve(name).resolve("standalone/log/server.log");
        }

        @Override
        public String toString() {
            return name + " (" + base() + ")";
        }
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        context.getRoot()
                .getStore(ExtensionContext.Namespace.GLOBAL)
                .getOrComputeIfAbsent(
                        ClusterNodes.class,
                        k -> {
                            try {
                                startAll();
                            } catch (RuntimeException | Error e) {
                                stopAll(); // no half-started cluster for the next class
                                throw e;
                            }
                            return (AutoCloseable) ClusterNodes::stopAll;
                        });
    }

    public static Server balancer() {
        return SERVERS.get("balancer");
    }

    /** Node n (1 or 2). */
    public static Server node(int n) {
        return SERVERS.get("node" + n);
    }

    public static List<Server> nodes() {
        return SERVERS.values().stream().filter(s -> s.name.startsWith("node")).toList();
    }

    /** The answer of the balancer before any node had registered (taken while none had). */
    public static volatile HttpResponse<String> balancerAlone;

    private static synchronized void startAll() {
        try {
            Files.createDirectories(DIR);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        resetSchema();
        Runtime.getRuntime().addShutdownHook(new Thread(ClusterNodes::killAll));
        String[] ingest = System.getProperty("panelx.it.ingest-ports", "19350-19365").split("-");
        int low = Integer.parseInt(ingest[0]);
        int half = (Integer.parseInt(ingest[1]) - low + 1) / 2;

        SERVERS.put("balancer", server("balancer", List.of("balancer"), OFFSET, "-Xmx256m", null));
        for (int n = 1; n <= 2; n++) {
            int first = low + (n - 1) * half;
            SERVERS.put(
                    "node" + n,
                    server(
                            "node" + n,
                            List.of("node", String.valueOf(n)),
                            OFFSET + n * 100,
                            "-Xmx512m",
                            first + "-" + (first + half - 1)));
        }
        // The balancer first: nodes register with it as they deploy, and its answer without nodes
        // is one of the things to test.
        launch(balancer());
        balancerAlone =
                await("the balancer answers (" + balancer().out() + ")")
                        .atMost(BOOT)
                        .pollInterval(Duration.ofMillis(500))
                        .ignoreExceptions()
                        .until(() -> plain(balancer().base() + "/live/demo/demo/1.ts"), r -> true);
        nodes().forEach(ClusterNodes::launch);
        nodes().forEach(ClusterNodes::awaitDeployed);
        awaitView(nodes());
        awaitBalancerRoutes(nodes());
    }

    private static Server server(
            String name, List<String> args, int offset, String heap, String ingestPorts) {
        var command = new ArrayList<>(List.of("bash", ROOT.resolve("panelx.sh").toString()));
        command.addAll(args);
        var env = new LinkedHashMap<String, String>();
        env.put("PANELX_CLUSTER_DIR", DIR.toString());
        env.put("PANELX_EAR", System.getProperty("panelx.ear", "target/panelx.ear"));
        env.put("PANELX_PORT_OFFSET", String.valueOf(offset));
        env.put("PANELX_BALANCER", "127.0.0.1:" + (8090 + OFFSET));
        env.put("PANELX_DB_URL", DB_URL);
        env.put("PANELX_ADMIN_USER", PanelX.ADMIN_USER);
        env.put("PANELX_ADMIN_PASSWORD", PanelX.ADMIN_PASSWORD);
        env.put("PANELX_DEMO_ARCHIVE_HOURS", "0");
        env.put("PANELX_TRUSTED_PROXIES", "127.0.0.1/32");
        // The management user the harness reads the cluster view with (management-user.sh).
        env.put("PANELX_JMX_USER", JMX_USER);
        env.put("PANELX_JMX_PASSWORD", JMX_PASSWORD);
        if (ingestPorts != null) env.put("PANELX_RTMP_INGEST_PORTS", ingestPorts);
        // Lean servers (C1 only), with the tests' short timings (as arquillian.xml).
        env.put(
                "JAVA_OPTS",
                "-Xms64m "
                        + heap
                        + " -XX:TieredStopAtLevel=1 -XX:+UseSerialGC"
                        + " -Djava.net.preferIPv4Stack=true -Djava.awt.headless=true"
                        + " -Dpanelx.hls-session-seconds=6 -Dpanelx.idle-release-seconds=4"
                        + " -Dpanelx.upstream-grace-seconds=8 -Dpanelx.start-timeout-seconds=8");
        return new Server(name, command, offset, env);
    }

    /** Starts the server's command (panelx.sh) again; its output is appended to out(). */
    private static void launch(Server s) {
        var pb = new ProcessBuilder(s.command).directory(ROOT.toFile());
        // Nothing of the other passes' settings (EPG file, VOD folder, ...) reaches the cluster.
        pb.environment().keySet().removeIf(k -> k.startsWith("PANELX_"));
        pb.environment().putAll(s.env);
        pb.redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(s.out().toFile()));
        try {
            s.script = pb.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + s, e);
        }
        LOG.info(() -> "started " + s + ": " + String.join(" ", s.command));
    }

    /** Waits until the node's panel answers its admin API (its deployment is done). */
    private static void awaitDeployed(Server node) {
        await(node + " deploys PanelX (" + node.out() + ")")
                .atMost(BOOT)
                .pollInterval(Duration.ofSeconds(1))
                .ignoreExceptions()
                .failFast("panelx.sh of " + node + " ended", () -> !node.script.isAlive())
                .until(() -> admin(node, "/api/v1/live/snapshot").statusCode() == 200);
    }

    /**
     * Waits until every one of {@code members}, and no other node, sees all of them in its view.
     */
    public static void awaitView(List<Server> members) {
        List<String> names = members.stream().map(Server::name).sorted().toList();
        for (Server m : members) {
            await(m + " sees the view " + names)
                    .atMost(VIEW)
                    .pollInterval(Duration.ofMillis(500))
                    .ignoreExceptions()
                    .until(() -> view(m).stream().sorted().toList(), names::equals);
        }
    }

    /**
     * The members of the node's cluster view, as its management model shows it: the JGroups channel
     * ee ("[node1|3] (2) [node1, node2]"; newer JGroups add "(v=...)" to each name).
     */
    public static List<String> view(Server node) {
        String view =
                management(
                                node,
                                "{\"operation\":\"read-attribute\",\"address\":[{\"subsystem\":\"jgroups\"},"
                                        + "{\"channel\":\"ee\"}],\"name\":\"view\"}")
                        .getString("result", "");
        int open = view.lastIndexOf('[');
        int close = view.lastIndexOf(']');
        if (open < 0 || close < open) return List.of();
        return Stream.of(view.substring(open + 1, close).split(","))
                .map(String::trim)
                .map(m -> m.replaceAll("\\(.*\\)$", ""))
                .filter(m -> !m.isEmpty())
                .toList();
    }

    /**
     * Waits until the balancer routes to each node: in its mod_cluster model the node is up and its
     * context / enabled (a node is listed a moment before its context is).
     */
    public static void awaitBalancerRoutes(List<Server> members) {
        await("the balancer routes to " + members)
                .atMost(VIEW)
                .pollInterval(Duration.ofMillis(500))
                .ignoreExceptions()
                .until(() -> routed().containsAll(members.stream().map(Server::name).toList()));
    }

    /** The nodes the balancer sends requests to (up, with the context / enabled). */
    public static List<String> routed() {
        var model = management(balancer(), BALANCER_MODEL).getJsonObject("result");
        var routed = new ArrayList<String>();
        if (!model.containsKey("balancer") || model.isNull("balancer")) return routed;
        for (var balancer : model.getJsonObject("balancer").values()) {
            var nodes = balancer.asJsonObject().getJsonObject("node");
            if (nodes == null) continue;
            for (var node : nodes.entrySet()) {
                var n = node.getValue().asJsonObject();
                var context = n.getJsonObject("context");
                if ("NODE_UP".equals(n.getString("status", ""))
                        && context != null
                        && context.containsKey("/")
                        && "enabled".equals(context.getJsonObject("/").getString("status", ""))) {
                    routed.add(node.getKey());
                }
            }
        }
        return routed;
    }

    private static final String BALANCER_MODEL =
            "{\"operation\":\"read-resource\",\"address\":[{\"subsystem\":\"undertow\"},"
                    + "{\"configuration\":\"filter\"},{\"mod-cluster\":\"load-balancer\"}],"
                    + "\"recursive\":true,\"include-runtime\":true}";

    /** The balancer's mod_cluster filter with its runtime children (balancers, nodes, contexts). */
    public static String balancerModel() {
        return management(balancer(), BALANCER_MODEL).toString();
    }

    /**
     * A management operation over the server's HTTP management API (JSON, HTTP Digest with the
     * test's management user; the JDK's HttpClient has no Digest, HttpURLConnection has).
     */
    public static JsonObject management(Server s, String operation) {
        try {
            var c =
                    (HttpURLConnection)
                            URI.create("http://127.0.0.1:" + s.managementPort() + "/management")
                                    .toURL()
                                    .openConnection();
            c.setAuthenticator(
                    new Authenticator() {
                        @Override
                        protected PasswordAuthentication getPasswordAuthentication() {
                            return new PasswordAuthentication(JMX_USER, JMX_PASSWORD.toCharArray());
                        }
                    });
            c.setConnectTimeout(5000);
            c.setReadTimeout(20000);
            c.setDoOutput(true);
            c.setRequestMethod("POST");
            c.setRequestProperty("Content-Type", "application/json");
            c.getOutputStream().write(operation.getBytes(StandardCharsets.UTF_8));
            int status = c.getResponseCode();
            InputStream body = status < 400 ? c.getInputStream() : c.getErrorStream();
            String text = new String(body.readAllBytes(), StandardCharsets.UTF_8);
            if (status != 200) throw new IOException(s + " management: " + status + " " + text);
            return Json.createReader(new StringReader(text)).readObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** GET with the admin's credentials. */
    public static HttpResponse<String> admin(Server s, String path) throws Exception {
        return PanelX.HTTP.send(
                HttpRequest.newBuilder(URI.create(s.base() + path))
                        .timeout(Duration.ofSeconds(20))
                        .header(
                                "Authorization",
                                PanelX.basic(PanelX.ADMIN_USER, PanelX.ADMIN_PASSWORD))
                        .header("Accept", "application/json")
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** GET without credentials. */
    public static HttpResponse<String> plain(String url) throws Exception {
        return PanelX.HTTP.send(
                HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Kills the node's JVM with SIGKILL (a crash: nothing of it runs its shutdown). */
    public static void kill9(Server node) {
        ProcessHandle jvm = node.jvm().orElseThrow(() -> new AssertionError(node + " is down"));
        jvm.destroyForcibly();
        try {
            jvm.onExit().get(30, TimeUnit.SECONDS);
            node.script.waitFor(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError(node + " outlived SIGKILL", e);
        }
    }

    /** Stops the node as ctrl-c would (SIGTERM to panelx.sh, which stops WildFly cleanly). */
    public static void stop(Server s) {
        if (s.script == null || !s.script.isAlive()) return;
        s.script.destroy();
        try {
            if (!s.script.waitFor(60, TimeUnit.SECONDS)) {
                LOG.warning(() -> s + " did not stop within 60 s: killed");
                kill(s);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Starts a stopped or killed node again and waits until it deployed, joined the view and the
     * balancer routes to it.
     */
    public static void start(Server node) {
        if (node.script != null && node.script.isAlive()) {
            throw new IllegalStateException(node + " still runs");
        }
        launch(node);
        awaitDeployed(node);
        awaitView(nodes().stream().filter(n -> n.script.isAlive()).toList());
        awaitBalancerRoutes(List.of(node));
    }

    /** Starts again, one after the other, every node a test stopped or killed. */
    public static void ensureRunning() {
        for (Server node : nodes()) {
            if (node.script == null || !node.script.isAlive()) start(node);
        }
    }

    /** The node's port (HTTP). */
    public static int port(Server s) {
        return 8080 + s.offset;
    }

    /** POST of JSON with the admin's credentials. */
    public static HttpResponse<String> post(Server s, String path, String json) throws Exception {
        return PanelX.HTTP.send(
                HttpRequest.newBuilder(URI.create(s.base() + path))
                        .timeout(Duration.ofSeconds(20))
                        .header(
                                "Authorization",
                                PanelX.basic(PanelX.ADMIN_USER, PanelX.ADMIN_PASSWORD))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(json))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static void stopAll() {
        nodes().parallelStream().forEach(ClusterNodes::stop);
        if (balancer() != null) stop(balancer());
    }

    /** The test JVM is ending (or was killed): no server outlives it. */
    private static void killAll() {
        SERVERS.values().forEach(ClusterNodes::kill);
    }

    private static void kill(Server s) {
        if (s.script == null) return;
        s.script.descendants().forEach(ProcessHandle::destroyForcibly);
        s.script.destroyForcibly();
    }

    /** Drops and creates the cluster's schema with psql (the PostgreSQL pass's public stays). */
    private static void resetSchema() {
        URI db = URI.create(DB_URL.substring("jdbc:".length()));
        String name = db.getPath().substring(1);
        try {
            var psql =
                    new ProcessBuilder(
                                    "psql",
                                    "-q",
                                    "-v",
                                    "ON_ERROR_STOP=1",
                                    "-h",
                                    db.getHost(),
                                    "-p",
                                    String.valueOf(db.getPort() < 0 ? 5432 : db.getPort()),
                                    "-U",
                                    System.getenv().getOrDefault("PANELX_DB_USER", "postgres"),
                                    "-d",
                                    name,
                                    "-c",
                                    "DROP SCHEMA IF EXISTS "
                                            + SCHEMA
                                            + " CASCADE; CREATE SCHEMA "
                                            + SCHEMA
                                            + ";")
                            .redirectErrorStream(true)
                            .start();
            String out = new String(psql.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!psql.waitFor(60, TimeUnit.SECONDS) || psql.exitValue() != 0) {
                throw new IllegalStateException("psql could not reset " + SCHEMA + ": " + out);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("psql", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
