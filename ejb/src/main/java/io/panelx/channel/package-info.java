/**
 * Channels and categories, their sources (primary then backups) and delivery mode, with the checks
 * a source URL must pass before it is stored or handed to FFmpeg.
 */
package io.panelx.channel;
