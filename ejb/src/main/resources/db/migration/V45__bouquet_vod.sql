-- Named bouquets hold movies and series too, as Xtream panels' bouquets do (bouquet_movies,
-- bouquet_series): a line may watch those of its named bouquets beside its own VOD bouquet.
-- Portable: see io.panelx.schema for the placeholders.
CREATE TABLE bouquet_movie (
    bouquet_id BIGINT NOT NULL,
    movie_id   BIGINT NOT NULL,
    PRIMARY KEY (bouquet_id, movie_id),
    FOREIGN KEY (bouquet_id) REFERENCES bouquet (id) ON DELETE CASCADE,
    FOREIGN KEY (movie_id) REFERENCES movie (id) ON DELETE CASCADE
)${table_options};
CREATE INDEX bouquet_movie_movie ON bouquet_movie (movie_id);

CREATE TABLE bouquet_series (
    bouquet_id BIGINT NOT NULL,
    series_id  BIGINT NOT NULL,
    PRIMARY KEY (bouquet_id, series_id),
    FOREIGN KEY (bouquet_id) REFERENCES bouquet (id) ON DELETE CASCADE,
    FOREIGN KEY (series_id) REFERENCES series (id) ON DELETE CASCADE
)${table_options};
CREATE INDEX bouquet_series_series ON bouquet_series (series_id);
