package io.panelx.admin;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Growing delays between failed admin logins of one client address. The first few failures are
 * free; then each one makes the address wait before its next attempt is even checked, the wait
 * doubling up to a maximum. Only that address waits: the real admin, from anywhere else, is never
 * locked out by a stranger (which is why Elytron's per-username lock is off).
 */
final class AdminLoginThrottle {

    private static final int MAX_TRACKED = 100_000;
    private static final String PREFIX = "admin:";

    /** Failures in a row of one address, and until when it must wait: {@code COUNT LAST UNTIL}. */
    private record Failures(int count, long lastMillis, long waitUntilMillis) {
        static Failures parse(String text) {
            String[] f = text.split(" ");
            return new Failures(Integer.parseInt(f[0]), Long.parseLong(f[1]), Long.parseLong(f[2]));
        }

        String text() {
            return count + " " + lastMillis + " " + waitUntilMillis;
        }
    }

    private final ConcurrentMap<String, String> byAddress;
    private final int freeFailures;
    private final long maxDelayMillis;

    AdminLoginThrottle(int freeFailures, long maxDelayMillis) {
        this(new ConcurrentHashMap<>(), freeFailures, maxDelayMillis);
    }

    /** Over a {@link io.panelx.config.LoginFailures} map, shared by a cluster's nodes. */
    AdminLoginThrottle(
            ConcurrentMap<String, String> failures, int freeFailures, long maxDelayMillis) {
        this.byAddress = failures;
        this.freeFailures = freeFailures;
        this.maxDelayMillis = maxDelayMillis;
    }

    /** Milliseconds the address must still wait before an attempt is checked; 0: go ahead. */
    long waitMillis(String address, long now) {
        String f = byAddress.get(PREFIX + address);
        return f == null ? 0 : Math.max(0, Failures.parse(f).waitUntilMillis - now);
    }

    /** Records a failure; returns the wait it imposes (0 while the failures are free). */
    long failed(String address, long now) {
        if (byAddress.size() >= MAX_TRACKED) {
            forgetIdle(now);
        }
        String key = PREFIX + address;
        for (int attempt = 0; ; attempt++) {
            String old = byAddress.get(key);
            Failures prior = old == null ? null : Failures.parse(old);
            int count = prior == null || idle(prior, now) ? 1 : prior.count + 1;
            var next = new Failures(count, now, now + delayAfter(count));
            boolean stored =
                    old == null
                            ? byAddress.putIfAbsent(key, next.text()) == null
                            : byAddress.replace(key, old, next.text());
            if (stored || attempt >= 100) {
                return next.waitUntilMillis - now;
            }
        }
    }

    void succeeded(String address) {
        String key = PREFIX + address;
        String old = byAddress.get(key);
        if (old != null) {
            byAddress.remove(key, old);
        }
    }

    /** 0 for the free failures, then 1 s, 2 s, 4 s, ... up to the maximum. */
    long delayAfter(int failures) {
        int beyond = failures - freeFailures;
        if (beyond <= 0) {
            return 0;
        }
        long delay = 1000L << Math.min(beyond - 1, 30);
        return Math.min(delay, maxDelayMillis);
    }

    /** An address is forgiven once it has been quiet for twice the longest wait. */
    private boolean idle(Failures f, long now) {
        return now - f.lastMillis > 2 * maxDelayMillis;
    }

    private void forgetIdle(long now) {
        byAddress
                .entrySet()
                .removeIf(
                        e ->
                                e.getKey().startsWith(PREFIX)
                                        && idle(Failures.parse(e.getValue()), now));
        if (byAddress.size() >= MAX_TRACKED) {
            // Flooded from more addresses than we track: start over rather than grow without bound.
            byAddress.keySet().removeIf(k -> k.startsWith(PREFIX));
        }
    }
}
