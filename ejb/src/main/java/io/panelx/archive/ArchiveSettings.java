package io.panelx.archive;

import io.panelx.config.Settings;
import java.nio.file.Path;

/**
 * The archive's settings, system properties set by wildfly-config/cli/settings.cli (each from an
 * environment variable).
 */
public final class ArchiveSettings {

    private ArchiveSettings() {}

    /** Where segment files and their index live: {@code ROOT/CHANNEL_ID/YYYYMMDDHH/}. */
    public static Path root() {
        return Path.of(
                System.getProperty(
                        "panelx.archive-root",
                        System.getProperty("jboss.server.data.dir", "/tmp") + "/panelx/archive"));
    }

    /** Where finished scheduled recordings live (outside the rolling archive and its pruning). */
    public static Path recordingsRoot() {
        return Settings.recordingsRoot();
    }

    /** The disk quota of the whole archive in bytes ({@code panelx.archive-max-gb}, default 50). */
    public static long maxBytes() {
        return gigabytes(System.getProperty("panelx.archive-max-gb", "50"));
    }

    static long gigabytes(String value) {
        try {
            double gb = Double.parseDouble(value.trim());
            return gb > 0 ? (long) (gb * 1024 * 1024 * 1024) : Long.MAX_VALUE;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    "panelx.archive-max-gb is not a number of gigabytes: " + value, e);
        }
    }

    /** How long a channel whose recording failed (disk full, I/O error) waits before a retry. */
    public static long retryMillis() {
        return 1000L * Long.getLong("panelx.archive-retry-seconds", 60);
    }

    /** The archive hours of the demo channel created on a first run. */
    public static int demoArchiveHours() {
        return Integer.getInteger("panelx.demo-archive-hours", 2);
    }
}
