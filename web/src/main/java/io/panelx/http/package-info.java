/**
 * What every HTTP route shares: the client's address and the public base URL it reached the panel
 * at (believing X-Forwarded-* only from the trusted proxies), the first check of every request
 * (methods, URL shape: {@link io.panelx.http.RequestShape}), and how client mistakes and server
 * faults are logged ({@link io.panelx.http.ClientAbort}, {@link io.panelx.http.FaultLog}).
 */
package io.panelx.http;
