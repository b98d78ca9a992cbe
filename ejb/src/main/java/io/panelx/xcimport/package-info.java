/**
 * Import of an Xtream UI / XC_VM panel from its MariaDB/MySQL database: live categories, live
 * streams (as channels, keeping their ids so players' URLs stay valid), bouquets and lines. The XC
 * database is only read, in streamed result sets; PanelX is written in batches, one transaction
 * each, and every imported row is recorded in {@code xc_import_map} so that a rerun creates nothing
 * twice and continues where a failed run stopped.
 */
package io.panelx.xcimport;
