/**
 * Versioned schema migrations (Flyway) run before anything else touches the database.
 *
 * <p>Flyway reads two locations: {@code db/migration}, SQL that runs on every database PanelX
 * supports, and {@code db/vendor/{h2|postgresql|mysql}} for the one it is connected to ({@code
 * mysql} serves MariaDB and MySQL). A version whose SQL differs by database has one file per vendor
 * folder (same version and description) and none in {@code db/migration}. Portable files may use
 * the placeholders {@code ${id}} (identity primary key column), {@code ${instant}} (point-in-time
 * column) and {@code ${table_options}} (after a CREATE TABLE's closing parenthesis). An applied
 * file is never edited: its checksum is checked at every start.
 */
package io.panelx.schema;
