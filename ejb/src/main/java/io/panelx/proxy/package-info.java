/**
 * Direct-proxy Sources: HTTP(S) MPEG-TS and HLS upstreams pulled once per channel into its Feed.
 */
package io.panelx.proxy;
