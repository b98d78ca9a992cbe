package io.panelx.admin;

import java.util.concurrent.ConcurrentHashMap;

/**
 * Growing delays between failed admin logins of one client address. The first few failures are
 * free; then each one makes the address wait before its next attempt is even checked, the wait
 * doubling up to a maximum. Only that address waits: the real admin, from anywhere else, is never
 * locked out by a stranger (which is why Elytron's per-username lock is off).
 */
final class AdminLoginThrottle {

    private static final int MAX_TRACKED = 100_000;

    /** Failures in a row of one address, and until when it must wait. */
    private record Failures(int count, long lastMillis, long waitUntilMillis) {}

    private final ConcurrentHashMap<String, Failures> byAddress = new ConcurrentHashMap<>();
    private final int freeFailures;
    private final long maxDelayMillis;

    AdminLoginThrottle(int freeFailures, long maxDelayMillis) {
        this.freeFailures = freeFailures;
        this.maxDelayMillis = maxDelayMillis;
    }

    /** Milliseconds the address must still wait before an attempt is checked; 0: go ahead. */
    long waitMillis(String address, long now) {
        Failures f = byAddress.get(address);
        return f == null ? 0 : Math.max(0, f.waitUntilMillis - now);
    }

    /** Records a failure; returns the wait it imposes (0 while the failures are free). */
    long failed(String address, long now) {
        if (byAddress.size() >= MAX_TRACKED) {
            forgetIdle(now);
        }
        Failures f =
                byAddress.compute(
                        address,
                        (k, old) -> {
                            int count = old == null || idle(old, now) ? 1 : old.count + 1;
                            return new Failures(count, now, now + delayAfter(count));
                        });
        return f.waitUntilMillis - now;
    }

    void succeeded(String address) {
        byAddress.remove(address);
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
        byAddress.values().removeIf(f -> idle(f, now));
        if (byAddress.size() >= MAX_TRACKED) {
            // Flooded from more addresses than we track: start over rather than grow without bound.
            byAddress.clear();
        }
    }
}
