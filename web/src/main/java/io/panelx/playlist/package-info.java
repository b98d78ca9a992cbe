/**
 * M3U playlists as operators migrating from another panel have them: the parser behind {@code POST
 * /api/v1/channels/import} ({@code io.panelx.api.PlaylistImportResource}), where each #EXTINF entry
 * becomes a DIRECT channel, its group-title a category.
 */
package io.panelx.playlist;
