package org.lemongate.webdav;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Objects;

import org.h2.jdbcx.JdbcConnectionPool;
import org.lemongate.mapping.MailException;

/**
 * The JDBC database behind the WebDAV-only state (ADR 6): a small pool of connections to an H2 database, by default
 * a file that several gateway processes on one host open together ({@code AUTO_SERVER}), or an H2 server that
 * gateways on several hosts share. Creates its tables on first use with portable SQL.
 */
final class DavDatabase implements AutoCloseable {

    /** Most connections held open; every unit of work is short. */
    private static final int MAX_CONNECTIONS = 8;

    /** The condition on {@code path} selecting a path and everything below it (two parameters). */
    private static final String WITHIN = "(path = ? OR path LIKE ? ESCAPE '\\')";

    /** When a client should try again after the database failed. */
    private static final Duration RETRY_AFTER = Duration.ofSeconds(5);

    private static final String[] SCHEMA = {
        "CREATE TABLE IF NOT EXISTS dav_user (user_key CHAR(64) PRIMARY KEY)",
        "CREATE TABLE IF NOT EXISTS dav_lock (token VARCHAR(80) PRIMARY KEY, user_key CHAR(64) NOT NULL,"
                + " root VARCHAR(8192) NOT NULL, exclusive_lock BOOLEAN NOT NULL, deep BOOLEAN NOT NULL,"
                + " owner VARCHAR(4096) NOT NULL, expires BIGINT NOT NULL)",
        "CREATE INDEX IF NOT EXISTS dav_lock_user ON dav_lock (user_key)",
        "CREATE TABLE IF NOT EXISTS dav_property (user_key CHAR(64) NOT NULL, path VARCHAR(8192) NOT NULL,"
                + " namespace VARCHAR(1024) NOT NULL, local_name VARCHAR(1024) NOT NULL, xml CLOB NOT NULL,"
                + " PRIMARY KEY (user_key, path, namespace, local_name))",
        "CREATE TABLE IF NOT EXISTS dav_name (user_key CHAR(64) NOT NULL, path VARCHAR(8192) NOT NULL,"
                + " mailbox VARCHAR(4096) NOT NULL, uid_validity BIGINT NOT NULL, uid BIGINT NOT NULL,"
                + " original_size BIGINT NOT NULL, PRIMARY KEY (user_key, path))",
        "CREATE UNIQUE INDEX IF NOT EXISTS dav_name_message ON dav_name (user_key, mailbox, uid_validity, uid)",
        "CREATE TABLE IF NOT EXISTS dav_reported (user_key CHAR(64) NOT NULL, mailbox VARCHAR(4096) NOT NULL,"
                + " uid_validity BIGINT NOT NULL, uid BIGINT NOT NULL, leaf VARCHAR(4096) NOT NULL,"
                + " PRIMARY KEY (user_key, mailbox, uid_validity, uid))",
        "CREATE TABLE IF NOT EXISTS dav_file (user_key CHAR(64) NOT NULL, path VARCHAR(8192) NOT NULL,"
                + " content BLOB NOT NULL, size BIGINT NOT NULL, created BIGINT NOT NULL, modified BIGINT NOT NULL,"
                + " PRIMARY KEY (user_key, path))",
    };

    /** One unit of work on a connection, inside a transaction. */
    @FunctionalInterface
    interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    private final JdbcConnectionPool pool;

    private DavDatabase(JdbcConnectionPool pool) {
        this.pool = pool;
    }

    /**
     * Opens (creating when needed) the database at an H2 JDBC URL.
     *
     * @throws IllegalStateException when the database cannot be opened or its tables cannot be created
     */
    static DavDatabase open(String jdbcUrl) {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        if (!jdbcUrl.startsWith("jdbc:h2:")) {
            throw new IllegalArgumentException("the WebDAV state store takes an H2 JDBC URL (jdbc:h2:...), not "
                    + jdbcUrl);
        }
        JdbcConnectionPool pool = JdbcConnectionPool.create(jdbcUrl, "", "");
        pool.setMaxConnections(MAX_CONNECTIONS);
        DavDatabase db = new DavDatabase(pool);
        try {
            db.transaction(c -> {
                try (Statement s = c.createStatement()) {
                    for (String sql : SCHEMA) {
                        s.execute(sql);
                    }
                }
                return null;
            });
        } catch (RuntimeException e) {
            pool.dispose();
            throw new IllegalStateException("the WebDAV state store at " + jdbcUrl + " cannot be opened", e);
        }
        return db;
    }

    /**
     * Runs one unit of work in its own transaction, committed when it returns and rolled back when it throws.
     *
     * @throws MailException.BackendUnavailable when the database fails: a retryable 503, never silent success
     */
    <T> T transaction(Work<T> work) {
        try (Connection c = pool.getConnection()) {
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new MailException.BackendUnavailable("the WebDAV state store failed; try again shortly",
                    RETRY_AFTER, false, e);
        }
    }

    /**
     * Serialises the calling transaction with every other one of the same user, on this and on other gateway
     * instances: the user's row is locked until the transaction ends.
     */
    static void lockUser(Connection c, String userKey) throws SQLException {
        try (var merge = c.prepareStatement("MERGE INTO dav_user (user_key) KEY (user_key) VALUES (?)")) {
            merge.setString(1, userKey);
            merge.executeUpdate();
        }
        try (var select = c.prepareStatement("SELECT user_key FROM dav_user WHERE user_key = ? FOR UPDATE")) {
            select.setString(1, userKey);
            select.executeQuery().close();
        }
    }

    /** The key rows are stored under: a SHA-256 of the login name, so the store holds no user names. */
    static String userKey(String user) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(user.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks SHA-256", e);
        }
    }

    /** The stored form of a path: decoded segments joined by {@code /}, with a leading {@code /}. */
    static String key(DavPath path) {
        return path.isRoot() ? "/" : "/" + String.join("/", path.segments());
    }

    /** The LIKE pattern matching the stored form of every path strictly below {@code path}. */
    static String below(DavPath path) {
        String prefix = path.isRoot() ? "/" : key(path) + "/";
        StringBuilder sb = new StringBuilder();
        for (char ch : prefix.toCharArray()) {
            if (ch == '%' || ch == '_' || ch == '\\') {
                sb.append('\\');
            }
            sb.append(ch);
        }
        return sb.append('%').toString();
    }

    /**
     * Replaces the rows of {@code table} at and below {@code to} with those at and below {@code from}, re-rooted,
     * and drops the source rows on a move: how files, folders and their state follow MOVE and COPY.
     *
     * @param table   one of this class's tables keyed by {@code user_key} and {@code path}
     * @param columns its other columns, comma separated
     */
    static void transfer(Connection c, String table, String columns, String userKey, DavPath from, DavPath to,
                         boolean removeSource) throws SQLException {
        deleteWithin(c, table, userKey, to);
        String fromKey = key(from);
        try (PreparedStatement s = c.prepareStatement("INSERT INTO " + table + " (user_key, path, " + columns
                + ") SELECT user_key, CONCAT(?, SUBSTRING(path, ?)), " + columns + " FROM " + table
                + " WHERE user_key = ? AND " + WITHIN)) {
            s.setString(1, to.isRoot() ? "" : key(to));
            s.setInt(2, from.isRoot() ? 1 : fromKey.length() + 1);
            s.setString(3, userKey);
            s.setString(4, fromKey);
            s.setString(5, below(from));
            s.executeUpdate();
        }
        if (removeSource) {
            deleteWithin(c, table, userKey, from);
        }
    }

    /** Deletes the rows of {@code table} at and below {@code path}. */
    static void deleteWithin(Connection c, String table, String userKey, DavPath path) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("DELETE FROM " + table + " WHERE user_key = ? AND " + WITHIN)) {
            s.setString(1, userKey);
            s.setString(2, key(path));
            s.setString(3, below(path));
            s.executeUpdate();
        }
    }

    /** Parses the stored form of a path back. */
    static DavPath path(String key) {
        return DavPath.ofDecoded(key);
    }

    @Override
    public void close() {
        pool.dispose();
    }
}
