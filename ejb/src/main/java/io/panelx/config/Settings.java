package io.panelx.config;

import java.time.Duration;

/**
 * PanelX settings. They live in the server as system properties (see
 * wildfly-config/cli/settings.cli), so an operator changes them without rebuilding; the defaults
 * here are what a first run needs.
 */
public final class Settings {

    private Settings() {}

    /** Whether an empty database receives the demo line and channel. */
    public static boolean demoEnabled() {
        return Boolean.parseBoolean(System.getProperty("panelx.demo", "true"));
    }

    /** The ffmpeg binary: a name looked up on PATH or an absolute path. */
    public static String ffmpegBinary() {
        return System.getProperty("panelx.ffmpeg", "ffmpeg");
    }

    /** Folder under which {@code file:} sources may be read; anything else is refused. */
    public static String allowedFileRoot() {
        return System.getProperty(
                "panelx.allowed-file-root",
                System.getProperty("jboss.server.data.dir", "/tmp") + "/panelx/media");
    }

    /**
     * The movies and series library: the folder the VOD scan reads, and the only folder movie and
     * episode files are served from.
     */
    public static java.nio.file.Path vodRoot() {
        return dataFolder("panelx.vod-root", "vod");
    }

    /**
     * Where finished scheduled recordings live (outside the archive's pruning). The VOD files of
     * recordings are served from here too, so it is the one other folder movie files may lie in.
     */
    public static java.nio.file.Path recordingsRoot() {
        return dataFolder("panelx.recordings-root", "recordings");
    }

    /** A folder setting, by default {@code NAME} under the server's data folder's panelx/. */
    private static java.nio.file.Path dataFolder(String property, String name) {
        return java.nio.file.Path.of(
                        System.getProperty(
                                property,
                                System.getProperty("jboss.server.data.dir", "/tmp")
                                        + "/panelx/"
                                        + name))
                .toAbsolutePath()
                .normalize();
    }

    /** The ffprobe binary the VOD scan runs: a name looked up on PATH or an absolute path. */
    public static String ffprobeBinary() {
        return System.getProperty("panelx.ffprobe", "ffprobe");
    }

    /**
     * ffprobe processes the scan's probe phase runs at once ({@code panelx.vod.probes}): one per
     * core by default, since a probe is mostly ffprobe's own start-up, all CPU.
     */
    public static int vodProbes() {
        int cores = Runtime.getRuntime().availableProcessors();
        return Math.max(1, Math.min(64, Integer.getInteger("panelx.vod.probes", cores)));
    }

    public static MaxConnectionsPolicy maxConnectionsPolicy() {
        return MaxConnectionsPolicy.valueOf(
                System.getProperty("panelx.max-connections-policy", "CLOSE_OLDEST"));
    }

    /** How long an upstream may stay silent before viewers are released with UPSTREAM_GONE. */
    public static Duration upstreamGraceTimeout() {
        return duration("panelx.upstream-grace-seconds", 20);
    }

    /** How long a channel without viewers keeps its upstream or FFmpeg process. */
    public static Duration idleRelease() {
        return duration("panelx.idle-release-seconds", 30);
    }

    /** How long an HLS viewer may go without fetching before its session ends. */
    public static Duration hlsSessionTimeout() {
        return duration("panelx.hls-session-seconds", 15);
    }

    /**
     * A viewer whose socket accepts no byte for this long (a stalled player, a dropped network) is
     * ended (STALLED) and its connection dropped.
     */
    public static Duration stalledViewer() {
        return duration("panelx.stalled-viewer-seconds", 10);
    }

    /** How often the ledger writes the bytes of open connections. */
    public static Duration ledgerCheckpoint() {
        return duration("panelx.ledger-checkpoint-seconds", 10);
    }

    /** How long a request for a cold channel waits for its first chunk before a 503. */
    public static Duration startTimeout() {
        return duration("panelx.start-timeout-seconds", 12);
    }

    /**
     * Whether viewer events are fired. Only the benchmark turns this off, to measure what tracking
     * costs; a panel always tracks.
     */
    public static boolean trackingEnabled() {
        return !"false".equals(System.getProperty("panelx.tracking"));
    }

    /** The dashboard snapshot interval. */
    public static Duration snapshotInterval() {
        return Duration.ofMillis(Long.getLong("panelx.snapshot-millis", 2000));
    }

    static Duration duration(String property, long defaultSeconds) {
        return Duration.ofSeconds(Long.getLong(property, defaultSeconds));
    }

    /** XMLTV sources imported on a schedule: comma-separated http(s) URLs or file paths. */
    public static java.util.List<String> epgSources() {
        return java.util.Arrays.stream(System.getProperty("panelx.epg.sources", "").split(","))
                .map(String::trim)
                .filter(s -> !s.isEmpty())
                .toList();
    }

    /** How often the EPG sources are imported again. */
    public static Duration epgRefresh() {
        return Duration.ofMinutes(Math.max(1, Long.getLong("panelx.epg.refresh-minutes", 360)));
    }

    /** How long programmes stay after they ended (catch-up menus show the recent past). */
    public static Duration epgKeep() {
        return Duration.ofHours(Math.max(1, Long.getLong("panelx.epg.keep-hours", 24)));
    }

    /**
     * Reverse proxies (CIDR list) whose X-Forwarded-Proto/Host/Port/For headers are believed; from
     * anyone else those headers are ignored, so a client cannot rewrite the URLs handed to others.
     */
    public static String trustedProxies() {
        return System.getProperty("panelx.trusted-proxies", "");
    }

    /**
     * The ports RTMP push ingests listen on ({@code panelx.rtmp-ingest-ports}, default
     * 19350-19449): each channel with a {@code push:} source holds one of them.
     *
     * @throws IllegalArgumentException when the setting is not a valid range
     */
    public static PortRange rtmpIngestPorts() {
        String value = System.getProperty("panelx.rtmp-ingest-ports", "19350-19449");
        try {
            return PortRange.parse(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "panelx.rtmp-ingest-ports is invalid: " + e.getMessage(), e);
        }
    }

    /**
     * The address RTMP push ingests listen on. FFmpeg's listener does not check the stream key, so
     * an internal interface is the way to keep strangers from publishing.
     *
     * @throws IllegalArgumentException when the setting is not an IP address
     */
    public static String rtmpIngestAddress() {
        String value = System.getProperty("panelx.rtmp-ingest-address", "0.0.0.0").trim();
        if (!value.matches("[0-9]{1,3}(\\.[0-9]{1,3}){3}|\\[[0-9a-fA-F:]+\\]")) {
            throw new IllegalArgumentException(
                    "panelx.rtmp-ingest-address must be an IPv4 address or a [bracketed] IPv6"
                            + " address, not '"
                            + value
                            + "'");
        }
        return value;
    }

    /**
     * Failed admin logins an address may make before each further attempt has to wait ({@code
     * panelx.admin-login-free-failures}, default 5).
     */
    public static int adminLoginFreeFailures() {
        return Math.max(1, Integer.getInteger("panelx.admin-login-free-failures", 5));
    }

    /**
     * The longest wait between admin login attempts of one address ({@code
     * panelx.admin-login-max-delay-seconds}, default 600): the wait doubles with each failure up to
     * this.
     */
    public static Duration adminLoginMaxDelay() {
        return duration("panelx.admin-login-max-delay-seconds", 600);
    }

    /** What happens when a line already holds its maximum number of streams. */
    public enum MaxConnectionsPolicy {
        /** Close the line's oldest stream to admit the new one (what zapping players expect). */
        CLOSE_OLDEST,
        /** Refuse the new stream. */
        REFUSE
    }

    /**
     * Whether this server is a node of a PanelX cluster (set by wildfly-config/cli/cluster-node.cli
     * on standalone-ha.xml servers). Off, nothing cluster-wide runs and no JGroups traffic exists.
     */
    public static boolean clustered() {
        return Boolean.parseBoolean(System.getProperty("panelx.cluster", "false"));
    }

    /** This server's name in the cluster and in the ledger's {@code node} column. */
    public static String nodeName() {
        return System.getProperty("jboss.node.name", "standalone");
    }

    /**
     * The secret the nodes of a cluster show each other on the internal relay route; empty: the
     * route is closed.
     */
    public static String clusterSecret() {
        return System.getProperty("panelx.cluster-secret", "");
    }

    /** This node's HTTP address as the other nodes reach it (relays pull from it). */
    public static String nodeUrl() {
        return System.getProperty("panelx.node-url", "http://127.0.0.1:8080");
    }

    /** How long after a node left the view without closing its records a survivor closes them. */
    public static Duration nodeLostGrace() {
        return duration("panelx.node-lost-grace-seconds", 5);
    }

    /**
     * Where running channels keep their chunks, so that they go to players by {@code sendfile}: a
     * memory file system (the default, {@code /dev/shm}, when it is a writable folder); {@code
     * none} keeps them in the JVM's direct memory. A channel takes about 5 MiB there; when the
     * folder is full, a channel goes on in memory.
     */
    public static java.util.Optional<java.nio.file.Path> feedDirectory() {
        String value = System.getProperty("panelx.feed-directory", "/dev/shm").trim();
        if (value.isEmpty() || value.equals("none")) {
            return java.util.Optional.empty();
        }
        java.nio.file.Path dir = java.nio.file.Path.of(value);
        return java.nio.file.Files.isDirectory(dir) && java.nio.file.Files.isWritable(dir)
                ? java.util.Optional.of(dir)
                : java.util.Optional.empty();
    }
}
