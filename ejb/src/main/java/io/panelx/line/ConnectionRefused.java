package io.panelx.line;

import java.time.Instant;

/** A stream or API request was refused before any byte was sent; counted per reason. */
public record ConnectionRefused(Refusal reason, String username, String clientIp, Instant at) {}
