package io.panelx.vod;

/**
 * What an admin (or a playlist import) sends to create or change an episode; {@code season} and
 * {@code episode} are its numbers. Null fields are left unchanged on update.
 */
public record EpisodeForm(
        Integer season,
        Integer episode,
        String title,
        String plot,
        String airDate,
        Double rating,
        String source,
        String container,
        Integer durationSeconds) {}
