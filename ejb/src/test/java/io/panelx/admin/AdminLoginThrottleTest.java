package io.panelx.admin;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

class AdminLoginThrottleTest {

    @Test
    void freeFailuresThenDoublingWaitsUpToTheMaximum() {
        var throttle = new AdminLoginThrottle(5, 600_000);
        long now = 1_000_000;
        for (int i = 0; i < 5; i++) {
            assertEquals(0, throttle.failed("10.0.0.1", now));
        }
        assertEquals(1000, throttle.failed("10.0.0.1", now));
        assertEquals(1000, throttle.waitMillis("10.0.0.1", now));
        assertEquals(0, throttle.waitMillis("10.0.0.2", now), "other addresses never wait");
        assertEquals(2000, throttle.failed("10.0.0.1", now + 1000));
        assertEquals(600_000, throttle.delayAfter(40), "capped");
    }

    @Test
    void aSuccessOrALongQuietForgivesTheAddress() {
        var throttle = new AdminLoginThrottle(1, 10_000);
        long now = 5_000;
        throttle.failed("a", now);
        assertTrue(throttle.failed("a", now) > 0);
        throttle.succeeded("a");
        assertEquals(0, throttle.waitMillis("a", now));
        throttle.failed("b", now);
        throttle.failed("b", now);
        assertEquals(
                0, throttle.failed("b", now + 30_000), "quiet for twice the maximum: free again");
    }
}
