/**
 * FFmpeg channels: FfmpegSupervisor is the one place that starts FFmpeg (Commons Exec, argument
 * lists, managed threads) and ends every process; FfmpegSource feeds a channel from its stdout.
 */
package io.panelx.ffmpeg;
