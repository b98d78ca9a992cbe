/**
 * Catch-up: the rolling archive of a channel on disk. A recorder copies a running channel's Feed
 * into MPEG-TS segment files cut at keyframes, with an index by wall-clock time per hour that a
 * restart reads back; playback (timeshift URLs), EPG marks and scheduled recordings read that
 * index. Pruning by age and by a disk quota keeps it bounded; a disk error stops recording one
 * channel and never touches live viewers.
 */
package io.panelx.archive;
