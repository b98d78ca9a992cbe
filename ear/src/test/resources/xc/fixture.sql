-- A small Xtream UI / XC_VM panel for XcImportIT, written after the public XC_VM schema
-- (src/bin/install/database.sql): the tables and columns the import reads, in MariaDB/MySQL
-- dialect, with generated rows and, at the end of each table, rows an import must refuse.
-- XcImportIT loads it into a database of its own (xc_fixture) and fills in the upstream URL.

CREATE TABLE streams_categories (
  id int(11) NOT NULL AUTO_INCREMENT,
  category_type varchar(255) DEFAULT NULL,
  category_name varchar(255) DEFAULT NULL,
  parent_id int(11) DEFAULT 0,
  cat_order int(11) DEFAULT 0,
  is_adult int(1) DEFAULT 0,
  PRIMARY KEY (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE streams (
  id int(11) NOT NULL AUTO_INCREMENT,
  type int(11) DEFAULT NULL,
  category_id longtext,
  stream_display_name mediumtext,
  stream_source mediumtext,
  stream_icon mediumtext,
  enable_transcode tinyint(4) DEFAULT 0,
  transcode_profile_id int(11) DEFAULT 0,
  read_native tinyint(4) DEFAULT 1,
  epg_id int(11) DEFAULT NULL,
  channel_id varchar(255) DEFAULT NULL,
  `order` int(11) DEFAULT 0,
  added int(11) DEFAULT NULL,
  direct_source tinyint(4) DEFAULT 0,
  direct_proxy tinyint(1) DEFAULT 0,
  PRIMARY KEY (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE bouquets (
  id int(11) NOT NULL AUTO_INCREMENT,
  bouquet_name mediumtext,
  bouquet_channels mediumtext,
  bouquet_movies mediumtext,
  bouquet_radios mediumtext,
  bouquet_series mediumtext,
  bouquet_order int(16) DEFAULT 0,
  PRIMARY KEY (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE `lines` (
  id int(11) NOT NULL AUTO_INCREMENT,
  member_id int(11) DEFAULT NULL,
  username varchar(255) DEFAULT NULL,
  password varchar(255) DEFAULT NULL,
  exp_date int(11) DEFAULT NULL,
  admin_enabled int(11) DEFAULT 1,
  enabled int(11) DEFAULT 1,
  bouquet mediumtext,
  allowed_outputs mediumtext,
  max_connections int(11) DEFAULT 1,
  is_restreamer tinyint(4) DEFAULT 0,
  is_trial tinyint(4) DEFAULT 0,
  is_mag tinyint(4) DEFAULT 0,
  is_e2 tinyint(4) DEFAULT 0,
  allowed_ips mediumtext,
  allowed_ua mediumtext,
  created_at int(11) DEFAULT NULL,
  PRIMARY KEY (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

-- Categories: five live ones, a movie category (not a channel group) and one without a name.
INSERT INTO streams_categories (id, category_type, category_name, cat_order) VALUES
  (9001, 'live', 'XC News', 1), (9002, 'live', 'XC Sports', 2), (9003, 'live', 'XC Kids', 3),
  (9004, 'live', 'XC Music', 4), (9005, 'live', 'XC Docs', 5), (9010, 'movie', 'XC Films', 6),
  (9011, 'live', '   ', 7);

-- 60 live streams: two sources each (PHP-escaped slashes, as json_encode writes them), every
-- third one a direct source, every fifth one transcoded; category ids as JSON arrays.
INSERT INTO streams (id, type, category_id, stream_display_name, stream_source, stream_icon,
                     enable_transcode, channel_id, `order`, direct_source)
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 60)
SELECT 900000 + i, 1, CONCAT('[', 9001 + MOD(i, 5), ']'), CONCAT('XC Channel ', i),
       CONCAT('["http:\\/\\/127.0.0.1:9\\/xc', i, '.ts","http:\\/\\/127.0.0.1:9\\/backup', i, '.ts"]'),
       CONCAT('http://logos.invalid/', i, '.png'), IF(MOD(i, 5) = 0, 1, 0), CONCAT('xc', i, '.tv'),
       i, IF(MOD(i, 3) = 0, 1, 0)
FROM n;

-- Not channels: movies, series, a radio station, a created channel.
INSERT INTO streams (id, type, category_id, stream_display_name, stream_source) VALUES
  (900201, 2, '[9010]', 'XC Movie 1', '["http:\\/\\/127.0.0.1:9\\/m1.mp4"]'),
  (900202, 2, '[9010]', 'XC Movie 2', '["http:\\/\\/127.0.0.1:9\\/m2.mp4"]'),
  (900203, 2, '[9010]', 'XC Movie 3', '["http:\\/\\/127.0.0.1:9\\/m3.mp4"]'),
  (900204, 5, '[9010]', 'XC Series 1', '[]'),
  (900205, 5, '[9010]', 'XC Series 2', '[]'),
  (900206, 4, '[9004]', 'XC Radio', '["http:\\/\\/127.0.0.1:9\\/radio.mp3"]'),
  (900207, 3, '[9001]', 'XC Created', '[]');

-- Malformed streams.
INSERT INTO streams (id, type, category_id, stream_display_name, stream_source) VALUES
  (900301, 1, '[9001]', 'XC Bad JSON', 'http://127.0.0.1:9/not-json'),
  (900302, 1, '[9001]', 'XC No Sources', '[]'),
  (900303, 1, '[9001]', '', '["http:\\/\\/127.0.0.1:9\\/noname.ts"]'),
  (900304, 99, '[9001]', 'XC Odd Type', '["http:\\/\\/127.0.0.1:9\\/odd.ts"]'),
  (900305, 1, '[9001]', 'XC FTP', '["ftp:\\/\\/127.0.0.1\\/x.ts"]');

-- The stream XcImportIT plays: a direct source pointing at its test upstream (set by the test).
INSERT INTO streams (id, type, category_id, stream_display_name, stream_source, direct_source) VALUES
  (900100, 1, '9002', 'XC Playable', '["UPSTREAM"]', 1);

-- Bouquets: ids as numbers and as strings; 7003 also holds a movie and unknown ids; 7009 is not JSON.
INSERT INTO bouquets (id, bouquet_name, bouquet_channels, bouquet_order) VALUES
  (7001, 'XC Full', '[900001,900002,900003,900004,900005,900006,900007,900008,900009,900010]', 1),
  (7002, 'XC Sports', '["900012","900017","900022"]', 2),
  (7003, 'XC Mixed', '[900030,900201,123456789]', 3),
  (7004, 'XC Player', '[900100]', 4),
  (7009, 'XC Broken', 'oops', 9);

-- 300 lines: xcuserN / pwNx. Every 10th expired, every 25th disabled, every 50th banned, every
-- 7th a trial; max connections N mod 4 (0: unlimited); every 30th limited to 127.0.0.1.
INSERT INTO `lines` (id, username, password, exp_date, admin_enabled, enabled, bouquet,
                     max_connections, is_trial, allowed_ips, allowed_ua, created_at)
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 300)
SELECT i, CONCAT('xcuser', i), CONCAT('pw', i, 'x'),
       IF(MOD(i, 10) = 0, UNIX_TIMESTAMP() - 86400, UNIX_TIMESTAMP() + 30 * 86400),
       IF(MOD(i, 50) = 0, 0, 1), IF(MOD(i, 25) = 0, 0, 1),
       IF(MOD(i, 2) = 0, '[7001,7002]', '[7003]'), MOD(i, 4), IF(MOD(i, 7) = 0, 1, 0),
       IF(MOD(i, 30) = 0, '["127.0.0.1"]', '[]'), IF(MOD(i, 40) = 0, '["VLC","Kodi"]', '[]'),
       UNIX_TIMESTAMP() - i * 3600
FROM n;

-- The line XcImportIT plays with.
INSERT INTO `lines` (id, username, password, exp_date, bouquet, max_connections, allowed_ips, allowed_ua)
VALUES (2001, 'xcplayer', 'xcplay1', NULL, '[7004]', 2, '[]', '[]');

-- Lines an import must refuse: a space in the username, no password, a '/' in it, an allowed IP
-- that is none, a MAG device, a username taken by an earlier line, a bouquet list that is not JSON.
INSERT INTO `lines` (id, username, password, bouquet, allowed_ips, is_mag) VALUES
  (1001, 'bad user', 'pw', '[7001]', '[]', 0),
  (1002, 'xcnopass', NULL, '[7001]', '[]', 0),
  (1003, 'xcslash', 'a/b', '[7001]', '[]', 0),
  (1004, 'xcbadip', 'pw', '[7001]', '["not-an-ip"]', 0),
  (1005, 'xcmag', 'pw', '[7001]', '[]', 1),
  (1006, 'xcuser1', 'other', '[7001]', '[]', 0),
  (1007, 'xcbadbouquet', 'pw', 'garbage', '[]', 0);
