package io.panelx.channel;

/** A category was created, renamed, reordered or deleted; lineups listing it are rebuilt. */
public record CategoryChanged(long categoryId) {}
