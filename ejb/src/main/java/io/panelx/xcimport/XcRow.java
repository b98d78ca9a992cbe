package io.panelx.xcimport;

import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * The current row of an XC result set. XC versions differ in their columns: a missing column reads
 * as null, and numbers stored as text are parsed leniently.
 */
final class XcRow {

    private final ResultSet rs;
    private final Set<String> columns = new HashSet<>();

    XcRow(ResultSet rs) throws SQLException {
        this.rs = rs;
        ResultSetMetaData md = rs.getMetaData();
        for (int i = 1; i <= md.getColumnCount(); i++) {
            columns.add(md.getColumnLabel(i).toLowerCase(Locale.ROOT));
        }
    }

    long id() throws SQLException {
        return rs.getLong("id");
    }

    String text(String column) throws SQLException {
        return columns.contains(column) ? rs.getString(column) : null;
    }

    /** The column as a number; null when missing or empty; Malformed when not a number. */
    Long number(String column) throws SQLException, Malformed {
        String s = text(column);
        if (s == null || s.isBlank()) {
            return null;
        }
        try {
            return Long.parseLong(s.trim());
        } catch (NumberFormatException e) {
            try {
                return (long) Double.parseDouble(s.trim());
            } catch (NumberFormatException e2) {
                throw new Malformed(column + " is not a number");
            }
        }
    }

    long number(String column, long absent) throws SQLException, Malformed {
        Long n = number(column);
        return n == null ? absent : n;
    }
}
