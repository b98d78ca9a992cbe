/** The admin API of the XC import: {@code /api/v1/import/xc} (see io.panelx.xcimport in ejb). */
package io.panelx.xcimport;
