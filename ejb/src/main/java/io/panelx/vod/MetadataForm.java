package io.panelx.vod;

/** What a movie's and a series' forms both carry: the metadata of a {@link VodItem}. */
interface MetadataForm {
    String title();

    Long categoryId();

    String plot();

    String cast();

    String director();

    String genre();

    String releaseDate();

    Double rating();
}
