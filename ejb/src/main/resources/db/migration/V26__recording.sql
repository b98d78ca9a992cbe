-- Scheduled recordings: a channel's time window (or an EPG programme's) copied out of the rolling
-- archive into panelx.recordings-root, where pruning never reaches. No foreign key: a recording
-- outlives its channel.
CREATE TABLE recording (
    id            ${id},
    channel_id    BIGINT        NOT NULL,
    channel_name  VARCHAR(200)  NOT NULL,
    title         VARCHAR(300)  NOT NULL,
    programme_id  BIGINT,
    starts_at     ${instant} NOT NULL,
    ends_at       ${instant} NOT NULL,
    status        VARCHAR(16)   NOT NULL,
    bytes         BIGINT        NOT NULL DEFAULT 0,
    detail        VARCHAR(500),
    created_at    ${instant} NOT NULL
)${table_options};
CREATE INDEX recording_status ON recording (status);
