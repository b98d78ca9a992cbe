package io.panelx.line;

import java.util.concurrent.ConcurrentHashMap;

/**
 * Flood protection: an address that fails to log in too often in a window is refused for a while.
 * Only that address: other clients of the same line are not locked out.
 */
final class LoginThrottle {

    static final int MAX_FAILURES = 10;
    static final long WINDOW_MILLIS = 60_000;
    private static final int MAX_TRACKED = 100_000;

    private record Failures(long windowStart, int count) {}

    private final ConcurrentHashMap<String, Failures> byAddress = new ConcurrentHashMap<>();

    boolean blocked(String ip, long now) {
        Failures f = byAddress.get(ip);
        return f != null && now - f.windowStart < WINDOW_MILLIS && f.count >= MAX_FAILURES;
    }

    void failed(String ip, long now) {
        if (byAddress.size() > MAX_TRACKED) {
            byAddress.values().removeIf(f -> now - f.windowStart >= WINDOW_MILLIS);
        }
        byAddress.compute(
                ip,
                (k, f) ->
                        f == null || now - f.windowStart >= WINDOW_MILLIS
                                ? new Failures(now, 1)
                                : new Failures(f.windowStart, f.count + 1));
    }

    void succeeded(String ip) {
        byAddress.remove(ip);
    }
}
