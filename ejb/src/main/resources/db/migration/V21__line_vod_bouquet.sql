-- A line's VOD bouquet, beside its channel bouquet: the movies and series it may watch.
-- all_vod TRUE (every existing line) means every movie and series.
ALTER TABLE line ADD COLUMN all_vod BOOLEAN DEFAULT TRUE NOT NULL;

CREATE TABLE line_movie (
    line_id  BIGINT NOT NULL REFERENCES line (id) ON DELETE CASCADE,
    movie_id BIGINT NOT NULL REFERENCES movie (id) ON DELETE CASCADE,
    PRIMARY KEY (line_id, movie_id)
)${table_options};

CREATE TABLE line_series (
    line_id   BIGINT NOT NULL REFERENCES line (id) ON DELETE CASCADE,
    series_id BIGINT NOT NULL REFERENCES series (id) ON DELETE CASCADE,
    PRIMARY KEY (line_id, series_id)
)${table_options};
