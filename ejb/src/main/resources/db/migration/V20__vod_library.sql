-- Movies and series (VOD). Portable SQL: runs unchanged on H2 2.x and PostgreSQL 13+.
-- library_path is the item's path relative to panelx.vod-root when the library scan found it (the
-- key that keeps ids stable across rescans); NULL for items added by the API or an M3U import.

CREATE TABLE vod_category (
    id          ${id},
    kind        VARCHAR(8)   NOT NULL,
    name        VARCHAR(200) NOT NULL,
    sort_order  INT          NOT NULL DEFAULT 0,
    CONSTRAINT vod_category_name UNIQUE (kind, name)
)${table_options};

CREATE TABLE movie (
    id               ${id},
    title            VARCHAR(300)  NOT NULL,
    category_id      BIGINT        REFERENCES vod_category (id) ON DELETE SET NULL,
    poster           VARCHAR(2000),
    plot             VARCHAR(4000),
    actors           VARCHAR(2000),
    director         VARCHAR(500),
    genre            VARCHAR(500),
    release_date     VARCHAR(32),
    rating           DOUBLE PRECISION,
    duration_seconds INT,
    container        VARCHAR(16)   NOT NULL,
    video_codec      VARCHAR(32),
    audio_codec      VARCHAR(32),
    width            INT,
    height           INT,
    source           VARCHAR(2000) NOT NULL,
    library_path     VARCHAR(2000),
    size_bytes       BIGINT,
    modified_at      BIGINT,
    added_at         ${instant} NOT NULL,
    CONSTRAINT movie_library_path UNIQUE (library_path)
)${table_options};
CREATE INDEX movie_category ON movie (category_id);

CREATE TABLE series (
    id           ${id},
    title        VARCHAR(300)  NOT NULL,
    category_id  BIGINT        REFERENCES vod_category (id) ON DELETE SET NULL,
    cover        VARCHAR(2000),
    plot         VARCHAR(4000),
    actors       VARCHAR(2000),
    director     VARCHAR(500),
    genre        VARCHAR(500),
    release_date VARCHAR(32),
    rating       DOUBLE PRECISION,
    library_path VARCHAR(2000),
    added_at     ${instant} NOT NULL,
    modified_at  ${instant} NOT NULL,
    CONSTRAINT series_library_path UNIQUE (library_path)
)${table_options};
CREATE INDEX series_category ON series (category_id);

CREATE TABLE season (
    id            ${id},
    series_id     BIGINT       NOT NULL REFERENCES series (id) ON DELETE CASCADE,
    season_number INT          NOT NULL,
    name          VARCHAR(300),
    cover         VARCHAR(2000),
    CONSTRAINT season_number_unique UNIQUE (series_id, season_number)
)${table_options};

CREATE TABLE episode (
    id               ${id},
    season_id        BIGINT        NOT NULL REFERENCES season (id) ON DELETE CASCADE,
    episode_number   INT           NOT NULL,
    title            VARCHAR(300)  NOT NULL,
    plot             VARCHAR(4000),
    air_date         VARCHAR(32),
    rating           DOUBLE PRECISION,
    duration_seconds INT,
    container        VARCHAR(16)   NOT NULL,
    video_codec      VARCHAR(32),
    audio_codec      VARCHAR(32),
    width            INT,
    height           INT,
    source           VARCHAR(2000) NOT NULL,
    library_path     VARCHAR(2000),
    size_bytes       BIGINT,
    modified_at      BIGINT,
    added_at         ${instant} NOT NULL,
    CONSTRAINT episode_library_path UNIQUE (library_path)
)${table_options};
CREATE INDEX episode_season ON episode (season_id, episode_number);
