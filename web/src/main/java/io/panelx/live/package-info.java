/**
 * The stream routes players open (/live/U/P/ID.ts|.m3u8, the bare /U/P/ID, /hls/TOKEN/SEQ.ts): they
 * parse, authenticate through the core and hand the response to the hub as non-blocking output.
 */
package io.panelx.live;
