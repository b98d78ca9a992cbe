package io.panelx.xcimport;

import io.panelx.admin.InvalidInput;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;

/**
 * A read-only connection to an XC panel's MariaDB/MySQL database, through the MariaDB driver
 * module. Rows are streamed (a fetch size makes Connector/J read them as they come), so memory does
 * not grow with the size of the XC tables.
 */
final class XcDatabase implements AutoCloseable {

    static final int PAGE = 1000;

    private final Connection connection;
    private final Set<String> tables = new HashSet<>();

    private XcDatabase(Connection connection) throws SQLException {
        this.connection = connection;
        try (ResultSet rs =
                connection
                        .getMetaData()
                        .getTables(connection.getCatalog(), null, "%", new String[] {"TABLE"})) {
            while (rs.next()) {
                tables.add(rs.getString("TABLE_NAME").toLowerCase(Locale.ROOT));
            }
        }
    }

    /** Opens the database; the messages name what is wrong, never the password. */
    static XcDatabase open(String url, String user, String password) throws SQLException {
        checkUrl(url);
        if (url.startsWith("jdbc:mysql://")) {
            url += (url.contains("?") ? "&" : "?") + "permitMysqlScheme";
        }
        return connect(url, user, password);
    }

    /** Only MariaDB/MySQL URLs, and none that lets the server read the panel's files. */
    static void checkUrl(String url) {
        if (url == null
                || !(url.startsWith("jdbc:mariadb://") || url.startsWith("jdbc:mysql://"))) {
            throw new InvalidInput(
                    "url must be jdbc:mariadb://HOST:PORT/DATABASE (or jdbc:mysql://)");
        }
        String lower = url.toLowerCase(Locale.ROOT);
        // A hostile server could ask the driver for a local file (LOAD DATA LOCAL INFILE).
        if (lower.contains("allowlocalinfile") || lower.contains("allowloadlocalinfile")) {
            throw new InvalidInput("url may not set allowLocalInfile");
        }
    }

    private static XcDatabase connect(String url, String user, String password)
            throws SQLException {
        Driver driver;
        try {
            driver =
                    (Driver)
                            Class.forName(
                                            "org.mariadb.jdbc.Driver",
                                            true,
                                            XcDatabase.class.getClassLoader())
                                    .getDeclaredConstructor()
                                    .newInstance();
        } catch (ReflectiveOperationException | LinkageError e) {
            throw new IllegalStateException(
                    "the MariaDB driver module (org.mariadb.jdbc) is not installed in this server:"
                            + " run wildfly-config/configure.sh");
        }
        var props = new Properties();
        props.setProperty("user", user == null ? "" : user);
        props.setProperty("password", password == null ? "" : password);
        props.setProperty("allowLocalInfile", "false");
        props.setProperty("connectTimeout", "10000");
        props.setProperty("socketTimeout", "300000");
        Connection c = driver.connect(url, props);
        if (c == null) {
            throw new InvalidInput("the MariaDB driver does not accept this url");
        }
        c.setReadOnly(true);
        return new XcDatabase(c);
    }

    boolean hasTable(String name) {
        return tables.contains(name);
    }

    /** The table that holds lines: {@code lines} in XC_VM, {@code users} in Xtream UI. */
    String linesTable() throws SQLException {
        if (hasTable("lines")) {
            return "lines";
        }
        if (hasTable("users") && columns("users").contains("exp_date")) {
            return "users";
        }
        return null;
    }

    Set<String> columns(String table) throws SQLException {
        var out = new HashSet<String>();
        try (ResultSet rs =
                connection.getMetaData().getColumns(connection.getCatalog(), null, table, "%")) {
            while (rs.next()) {
                out.add(rs.getString("COLUMN_NAME").toLowerCase(Locale.ROOT));
            }
        }
        return out;
    }

    long count(String table) throws SQLException {
        try (Statement st = connection.createStatement();
                ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM `" + table + "`")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    interface RowHandler {
        void row(XcRow row) throws Exception;
    }

    /**
     * Hands every row of {@code table} to {@code handler} in id order, a page of PAGE rows at a
     * time (keyset: {@code id > last}). Each page is a short query of its own: memory stays flat,
     * and a slow batch on the PanelX side never holds a result set open until the XC server's
     * net_write_timeout ends it (a streamed result set of 50,000 lines did).
     */
    void each(String table, RowHandler handler) throws Exception {
        try (PreparedStatement ps =
                connection.prepareStatement(
                        "SELECT * FROM `" + table + "` WHERE id > ? ORDER BY id LIMIT " + PAGE)) {
            long last = Long.MIN_VALUE;
            while (true) {
                ps.setLong(1, last);
                int rows = 0;
                try (ResultSet rs = ps.executeQuery()) {
                    var row = new XcRow(rs);
                    while (rs.next()) {
                        last = rs.getLong("id");
                        rows++;
                        handler.row(row);
                    }
                }
                if (rows < PAGE) return;
            }
        }
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }
}
