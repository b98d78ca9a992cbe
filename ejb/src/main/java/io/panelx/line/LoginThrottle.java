package io.panelx.line;

import java.util.concurrent.ConcurrentMap;

/**
 * Flood protection: an address that fails to log in too often in a window is refused for a while.
 * Only that address: other clients of the same line are not locked out. The failures live in a
 * {@link io.panelx.config.LoginFailures} map (cluster-wide on a cluster node) under {@code
 * line:ADDRESS}, as {@code WINDOW_START COUNT}.
 */
final class LoginThrottle {

    static final int MAX_FAILURES = 10;
    static final long WINDOW_MILLIS = 60_000;
    private static final int MAX_TRACKED = 100_000;
    private static final String PREFIX = "line:";

    private final ConcurrentMap<String, String> failures;

    LoginThrottle(ConcurrentMap<String, String> failures) {
        this.failures = failures;
    }

    boolean blocked(String ip, long now) {
        String f = failures.get(PREFIX + ip);
        return f != null && now - windowStart(f) < WINDOW_MILLIS && count(f) >= MAX_FAILURES;
    }

    void failed(String ip, long now) {
        if (failures.size() > MAX_TRACKED) {
            failures.entrySet()
                    .removeIf(
                            e ->
                                    e.getKey().startsWith(PREFIX)
                                            && now - windowStart(e.getValue()) >= WINDOW_MILLIS);
        }
        String key = PREFIX + ip;
        for (int attempt = 0; attempt < 100; attempt++) {
            String old = failures.get(key);
            String next =
                    old == null || now - windowStart(old) >= WINDOW_MILLIS
                            ? now + " 1"
                            : windowStart(old) + " " + (count(old) + 1);
            if (old == null
                    ? failures.putIfAbsent(key, next) == null
                    : failures.replace(key, old, next)) {
                return;
            }
        }
    }

    void succeeded(String ip) {
        String key = PREFIX + ip;
        String old = failures.get(key); // a local read: most logins have nothing to forgive
        if (old != null) {
            failures.remove(key, old);
        }
    }

    private static long windowStart(String f) {
        return Long.parseLong(f.substring(0, f.indexOf(' ')));
    }

    private static int count(String f) {
        return Integer.parseInt(f.substring(f.indexOf(' ') + 1));
    }
}
