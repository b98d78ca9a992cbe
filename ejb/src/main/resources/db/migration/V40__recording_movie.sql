-- A completed scheduled recording becomes a movie in the VOD library (io.panelx.vod); deleting the
-- recording deletes that movie. No foreign key: an admin may delete the movie alone.
ALTER TABLE recording ADD COLUMN movie_id BIGINT;
