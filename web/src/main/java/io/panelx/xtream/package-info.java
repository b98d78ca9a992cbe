/**
 * The Xtream Codes compatible surface that IPTV apps speak: {@code /player_api.php} (account,
 * server and lineup as JSON, with the field types players are strict about), {@code /get.php} (M3U
 * playlists) and {@code /xmltv.php} (the guide). Every request authenticates through {@link
 * io.panelx.line.LineDirectory}; the lineup comes from an in-memory snapshot, so listing thousands
 * of channels costs no database call. URLs handed out are built from the address the player used,
 * or from X-Forwarded-* headers when a trusted reverse proxy sent them.
 */
package io.panelx.xtream;
