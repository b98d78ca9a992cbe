package io.panelx.viewer;

import java.time.Instant;

/** A viewer's connection ended; fired exactly once per connection, by ViewerSession only. */
public record ViewerDisconnected(Viewer viewer, Instant at, long bytesSent, EndReason reason) {}
