-- Where a library file's duration and codecs came from (io.panelx.vod.MediaDetails): NFO (Kodi's
-- <fileinfo><streamdetails>), FFPROBE, UNREADABLE (ffprobe read nothing); NULL for a library file
-- the scan's probe phase has yet to read. Files scanned before were probed during the scan.
ALTER TABLE movie ADD COLUMN details_from VARCHAR(12);
ALTER TABLE episode ADD COLUMN details_from VARCHAR(12);
UPDATE movie SET details_from = 'FFPROBE'
    WHERE library_path IS NOT NULL AND (duration_seconds IS NOT NULL OR video_codec IS NOT NULL);
UPDATE movie SET details_from = 'UNREADABLE'
    WHERE library_path IS NOT NULL AND details_from IS NULL AND size_bytes IS NOT NULL;
UPDATE episode SET details_from = 'FFPROBE'
    WHERE library_path IS NOT NULL AND (duration_seconds IS NOT NULL OR video_codec IS NOT NULL);
UPDATE episode SET details_from = 'UNREADABLE'
    WHERE library_path IS NOT NULL AND details_from IS NULL AND size_bytes IS NOT NULL;
