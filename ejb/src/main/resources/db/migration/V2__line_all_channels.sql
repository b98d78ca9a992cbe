-- A line's access to "every channel" becomes explicit. Before, an empty bouquet meant every
-- channel, so deleting the only channel of a bouquet silently opened all channels to that line.
ALTER TABLE line ADD COLUMN all_channels BOOLEAN DEFAULT TRUE NOT NULL;
UPDATE line SET all_channels = FALSE WHERE id IN (SELECT line_id FROM line_bouquet);
