-- What the XC import created: the XC id of each imported row (kind: category, stream, bouquet,
-- line) and the PanelX id it became. A rerun skips what is here, so it creates nothing twice; no
-- foreign keys, so a row an admin deleted after the import stays deleted.
CREATE TABLE xc_import_map (
    kind        VARCHAR(16) NOT NULL,
    xc_id       BIGINT      NOT NULL,
    panelx_id   BIGINT      NOT NULL,
    imported_at ${instant}  NOT NULL,
    PRIMARY KEY (kind, xc_id)
)${table_options};
