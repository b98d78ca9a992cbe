/** Versioned schema migrations (Flyway) run before anything else touches the database. */
package io.panelx.schema;
