-- PanelX schema, version 1, for MariaDB 10.11+ and MySQL 8+: the tables of
-- db/vendor/h2/V1__schema.sql in this dialect. AUTO_INCREMENT for identity columns, DATETIME(6)
-- for instants (Hibernate stores them in UTC), foreign keys as table constraints (MySQL ignores
-- them inline), utf8mb4_bin so that usernames and names compare case-sensitively as on H2.

CREATE TABLE admin_user (
    id                  BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
    username            VARCHAR(64)  NOT NULL UNIQUE,
    password_hash       VARCHAR(128) NOT NULL,
    password_salt       VARCHAR(64)  NOT NULL,
    password_iterations INT          NOT NULL,
    enabled             BOOLEAN      NOT NULL DEFAULT TRUE,
    created_at          DATETIME(6)  NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE category (
    id          BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
    name        VARCHAR(200) NOT NULL UNIQUE,
    sort_order  INT          NOT NULL DEFAULT 0
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE channel (
    id             BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
    name           VARCHAR(200)  NOT NULL,
    category_id    BIGINT,
    logo           VARCHAR(2000),
    epg_id         VARCHAR(200),
    delivery_mode  VARCHAR(16)   NOT NULL,
    ffmpeg_profile VARCHAR(32)   NOT NULL,
    on_demand      BOOLEAN       NOT NULL DEFAULT TRUE,
    enabled        BOOLEAN       NOT NULL DEFAULT TRUE,
    sort_order     INT           NOT NULL DEFAULT 0,
    created_at     DATETIME(6)   NOT NULL,
    FOREIGN KEY (category_id) REFERENCES category (id) ON DELETE SET NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- Ordered sources: position 0 is the primary, the others are backups tried in order.
CREATE TABLE channel_source (
    channel_id BIGINT        NOT NULL,
    position   INT           NOT NULL,
    url        VARCHAR(2000) NOT NULL,
    PRIMARY KEY (channel_id, position),
    FOREIGN KEY (channel_id) REFERENCES channel (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE line (
    id                  BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
    username            VARCHAR(64)  NOT NULL UNIQUE,
    password_hash       VARCHAR(128) NOT NULL,
    password_salt       VARCHAR(64)  NOT NULL,
    enabled             BOOLEAN      NOT NULL DEFAULT TRUE,
    banned              BOOLEAN      NOT NULL DEFAULT FALSE,
    expires_at          DATETIME(6),
    max_connections     INT          NOT NULL DEFAULT 1,
    allowed_ips         VARCHAR(2000),
    allowed_user_agents VARCHAR(2000),
    trial               BOOLEAN      NOT NULL DEFAULT FALSE,
    created_at          DATETIME(6)  NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- A line's bouquet: the channels it may watch. No rows means every channel.
CREATE TABLE line_bouquet (
    line_id    BIGINT NOT NULL,
    channel_id BIGINT NOT NULL,
    PRIMARY KEY (line_id, channel_id),
    FOREIGN KEY (line_id) REFERENCES line (id) ON DELETE CASCADE,
    FOREIGN KEY (channel_id) REFERENCES channel (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- Connection history. No foreign keys: history outlives deleted lines and channels.
CREATE TABLE connection_record (
    id            VARCHAR(36)  PRIMARY KEY,
    line_id       BIGINT       NOT NULL,
    line_username VARCHAR(64)  NOT NULL,
    channel_id    BIGINT       NOT NULL,
    channel_name  VARCHAR(200) NOT NULL,
    origin        VARCHAR(8)   NOT NULL,
    client_ip     VARCHAR(64)  NOT NULL,
    user_agent    VARCHAR(512),
    format        VARCHAR(8)   NOT NULL,
    started_at    DATETIME(6)  NOT NULL,
    ended_at      DATETIME(6),
    bytes_sent    BIGINT       NOT NULL DEFAULT 0,
    end_reason    VARCHAR(32)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
CREATE INDEX connection_record_line ON connection_record (line_id, started_at);
CREATE INDEX connection_record_channel ON connection_record (channel_id, started_at);
CREATE INDEX connection_record_open ON connection_record (ended_at);

CREATE TABLE epg_programme (
    id             BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
    epg_channel_id VARCHAR(200)  NOT NULL,
    start_at       DATETIME(6)   NOT NULL,
    stop_at        DATETIME(6)   NOT NULL,
    title          VARCHAR(1000) NOT NULL,
    description    VARCHAR(4000),
    lang           VARCHAR(16)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
CREATE INDEX epg_programme_channel ON epg_programme (epg_channel_id, start_at);
