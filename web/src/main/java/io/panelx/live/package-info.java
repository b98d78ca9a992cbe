/**
 * The stream routes players open (/live/U/P/ID.ts|.m3u8, the bare /U/P/ID, /hls/TOKEN/SEQ.ts): they
 * parse, authenticate through the core and hand the response to the hub as non-blocking output. A
 * plain GET of a TS stream on HTTP/1 comes in through {@link io.panelx.live.StreamDoor}, ahead of
 * the servlet chain (a connect storm is made of them); every other request takes the servlet way.
 * Both end in {@link io.panelx.live.LiveRoute}, which decides alike for both.
 */
package io.panelx.live;
