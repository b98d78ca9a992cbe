package io.panelx.vod;

/** What an admin sends to create or change a series. Null fields are left unchanged on update. */
public record SeriesForm(
        String title,
        Long categoryId,
        String cover,
        String plot,
        String cast,
        String director,
        String genre,
        String releaseDate,
        Double rating)
        implements MetadataForm {}
