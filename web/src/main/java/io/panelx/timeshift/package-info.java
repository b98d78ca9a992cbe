/**
 * Catch-up playback with Xtream Codes' URLs: {@code /timeshift/USER/PASS/MINUTES/START/ID.ts} (and
 * {@code .m3u8}), {@code /streaming/timeshift.php?...}, and the archive's HLS segments. Admitted
 * like live viewing (same checks, counted in max connections), format "timeshift", every byte read
 * from the archive files through the viewer's session.
 */
package io.panelx.timeshift;
