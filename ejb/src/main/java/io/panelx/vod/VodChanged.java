package io.panelx.vod;

/** The library changed (an admin edit, an import, a scan): the catalog snapshot is rebuilt. */
public record VodChanged() {}
