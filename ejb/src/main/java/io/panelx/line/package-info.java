/**
 * Subscribers (lines) and their admission: credentials, status, allowed addresses and players,
 * bouquet, flood protection. LineDirectory caches lines so stream requests need no database.
 */
package io.panelx.line;
