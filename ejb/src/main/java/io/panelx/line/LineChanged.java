package io.panelx.line;

/** A line was created, changed or deleted; caches keyed by username drop their entry. */
public record LineChanged(long lineId, String username) {}
