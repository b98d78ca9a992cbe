/**
 * The one way PanelX fetches a document over HTTP for an admin (an XMLTV guide, an M3U playlist):
 * http and https only, redirects followed, timeouts, a status check and a size limit. Streams are
 * not fetched here; their Sources pull them.
 */
package io.panelx.download;
