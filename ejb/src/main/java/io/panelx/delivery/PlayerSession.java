package io.panelx.delivery;

/**
 * A player that makes many requests for one thing (HLS fetches, Range requests of a movie): one
 * ViewerSession, named in its URLs by a random token.
 */
public record PlayerSession(String token, String key, ViewerSession session) {}
