/**
 * Live delivery: the ChannelHub keeps one Feed (a bounded ring of MPEG-TS chunks) per running
 * channel, filled by exactly one Source and drained by ViewerSessions, the only code that fires the
 * viewer events. FeedRunner restarts and fails over sources; HlsWindow cuts PanelX's own HLS.
 */
package io.panelx.delivery;
