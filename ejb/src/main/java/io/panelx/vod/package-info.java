/**
 * Movies and series (VOD): the library (categories, movies, series with seasons and episodes), how
 * it gets in (a scan of {@code panelx.vod-root} with Kodi .nfo sidecars, stored first, then ffprobe
 * for the files whose .nfo has no streamdetails; the admin API; an M3U import) and the read-only
 * catalog snapshot the Xtream API and the stream routes use. The bytes of a movie or an episode go
 * through the same ViewerSession as live, so every VOD viewer is a tracked connection.
 */
package io.panelx.vod;
