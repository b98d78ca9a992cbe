/**
 * What every HTTP route needs to know about a request: the client's address and the public base URL
 * it reached the panel at, believing X-Forwarded-* only from the trusted proxies.
 */
package io.panelx.http;
