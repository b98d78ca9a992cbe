package io.panelx.line;

import java.time.Instant;

/** A line's account status as players see it (Xtream user_info.status). */
public enum LineStatus {
    ACTIVE("Active"),
    BANNED("Banned"),
    DISABLED("Disabled"),
    EXPIRED("Expired");

    private final String label;

    LineStatus(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public static LineStatus of(Line line, Instant now) {
        if (line.isBanned()) return BANNED;
        if (!line.isEnabled()) return DISABLED;
        if (line.getExpiresAt() != null && !line.getExpiresAt().isAfter(now)) return EXPIRED;
        return ACTIVE;
    }
}
