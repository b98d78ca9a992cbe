package io.panelx.viewer;

import java.time.Instant;

/**
 * A viewer's traffic, sampled at most once a second (never per chunk). {@code bytesSent} is the
 * running total, {@code bitsPerSecond} the rate since the previous sample.
 */
public record TrafficSampled(Viewer viewer, Instant at, long bytesSent, long bitsPerSecond) {}
