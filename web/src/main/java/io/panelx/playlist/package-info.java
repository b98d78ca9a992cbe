/**
 * Import of channels from an M3U playlist (a URL or an uploaded file), as operators migrating from
 * another panel have one: each #EXTINF entry becomes a DIRECT channel, its group-title a category.
 */
package io.panelx.playlist;
