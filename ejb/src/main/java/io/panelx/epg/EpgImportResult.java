package io.panelx.epg;

/** What one import did: programmes stored, for how many channels, what was left out and why. */
public record EpgImportResult(
        String source,
        int programmes,
        int channels,
        int unknownChannel,
        int tooOld,
        int malformed,
        int pruned,
        long millis) {}
