package io.panelx.delivery;

import io.panelx.viewer.Origin;

/** What a viewer watches: a live channel, a movie, an episode, an archive window. */
public record Watched(long id, String name, Origin origin) {}
