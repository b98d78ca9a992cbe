package io.panelx.vod;

/**
 * What an admin (or a playlist import) sends to create or change a movie. Null fields are left
 * unchanged on update. {@code source}: a file under the VOD root or an http(s) URL; {@code
 * container} defaults to the source's extension.
 */
public record MovieForm(
        String title,
        Long categoryId,
        String poster,
        String plot,
        String cast,
        String director,
        String genre,
        String releaseDate,
        Double rating,
        String source,
        String container,
        Integer durationSeconds)
        implements MetadataForm {}
