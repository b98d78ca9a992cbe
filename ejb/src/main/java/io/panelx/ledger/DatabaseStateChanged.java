package io.panelx.ledger;

import java.time.Instant;

/** The ledger lost or regained the database; the dashboard shows it. */
public record DatabaseStateChanged(boolean up, Instant at) {}
