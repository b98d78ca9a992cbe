package io.panelx.archive;

import java.time.Instant;

/**
 * What an admin sends to schedule a recording: a channel and either a time window ({@code startsAt}
 * to {@code endsAt}) or an EPG programme of that channel ({@code programmeId}); {@code title} is
 * optional (the programme's title, else the channel's name and the time).
 */
public record RecordingForm(
        Long channelId, Instant startsAt, Instant endsAt, Long programmeId, String title) {}
