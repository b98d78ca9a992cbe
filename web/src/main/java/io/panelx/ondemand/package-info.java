/**
 * Movies and episodes to players: the stream routes {@code /movie/USER/PASS/ID.EXT} and {@code
 * /series/USER/PASS/ID.EXT} (the same admission as live, HTTP Range and HEAD, bytes through a
 * ViewerSession) and the library's artwork ({@code /vod-art/}).
 */
package io.panelx.ondemand;
