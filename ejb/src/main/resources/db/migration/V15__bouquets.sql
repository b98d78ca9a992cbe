-- Named bouquets, as Xtream panels sell them: a group of channels that lines subscribe to, changed
-- once for all its lines. A line may watch its own channels (line_bouquet) and those of its
-- bouquets (line_bouquet_ref). Portable: see io.panelx.schema for the placeholders.
CREATE TABLE bouquet (
    id         ${id},
    name       VARCHAR(200) NOT NULL,
    sort_order INT          NOT NULL DEFAULT 0
)${table_options};

CREATE TABLE bouquet_channel (
    bouquet_id BIGINT NOT NULL,
    channel_id BIGINT NOT NULL,
    PRIMARY KEY (bouquet_id, channel_id),
    FOREIGN KEY (bouquet_id) REFERENCES bouquet (id) ON DELETE CASCADE,
    FOREIGN KEY (channel_id) REFERENCES channel (id) ON DELETE CASCADE
)${table_options};

CREATE TABLE line_bouquet_ref (
    line_id    BIGINT NOT NULL,
    bouquet_id BIGINT NOT NULL,
    PRIMARY KEY (line_id, bouquet_id),
    FOREIGN KEY (line_id) REFERENCES line (id) ON DELETE CASCADE,
    FOREIGN KEY (bouquet_id) REFERENCES bouquet (id) ON DELETE CASCADE
)${table_options};
CREATE INDEX line_bouquet_ref_bouquet ON line_bouquet_ref (bouquet_id);
