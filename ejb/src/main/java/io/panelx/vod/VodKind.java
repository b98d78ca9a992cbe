package io.panelx.vod;

/** Which list a VOD category belongs to: players show movie and series categories apart. */
public enum VodKind {
    MOVIE,
    SERIES
}
