package org.lemongate.webdav;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** {@link StoredFiles} in the {@link DavDatabase}: they survive restarts and every instance sees them. */
final class JdbcStoredFiles implements StoredFiles {


    private final DavDatabase db;

    JdbcStoredFiles(DavDatabase db) {
        this.db = db;
    }

    @Override
    public void put(String user, DavPath path, byte[] content, Instant now) {
        if (content.length > SideFiles.MAX_BYTES) {
            throw new IllegalArgumentException("a stored file holds at most " + SideFiles.MAX_BYTES + " bytes");
        }
        String key = DavDatabase.userKey(user);
        db.transaction(c -> {
            long created = find(c, key, path).map(f -> f.created().toEpochMilli()).orElse(now.toEpochMilli());
            try (PreparedStatement s = c.prepareStatement("MERGE INTO dav_file (user_key, path, content, size,"
                    + " created, modified) KEY (user_key, path) VALUES (?, ?, ?, ?, ?, ?)")) {
                s.setString(1, key);
                s.setString(2, DavDatabase.key(path));
                s.setBytes(3, content);
                s.setLong(4, content.length);
                s.setLong(5, created);
                s.setLong(6, now.toEpochMilli());
                s.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public Optional<StoredFile> find(String user, DavPath path) {
        return db.transaction(c -> find(c, DavDatabase.userKey(user), path));
    }

    private static Optional<StoredFile> find(Connection c, String key, DavPath path) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT path, size, created, modified FROM dav_file"
                + " WHERE user_key = ? AND path = ?")) {
            s.setString(1, key);
            s.setString(2, DavDatabase.key(path));
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.of(file(r)) : Optional.empty();
            }
        }
    }

    private static StoredFile file(ResultSet r) throws SQLException {
        return new StoredFile(DavDatabase.path(r.getString(1)), r.getLong(2), Instant.ofEpochMilli(r.getLong(3)),
                Instant.ofEpochMilli(r.getLong(4)));
    }

    @Override
    public Optional<byte[]> content(String user, DavPath path) {
        return db.transaction(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT content FROM dav_file WHERE user_key = ?"
                    + " AND path = ?")) {
                s.setString(1, DavDatabase.userKey(user));
                s.setString(2, DavDatabase.key(path));
                try (ResultSet r = s.executeQuery()) {
                    return r.next() ? Optional.of(r.getBytes(1)) : Optional.empty();
                }
            }
        });
    }

    @Override
    public List<StoredFile> list(String user, DavPath folder) {
        return db.transaction(c -> {
            List<StoredFile> files = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("SELECT path, size, created, modified FROM dav_file"
                    + " WHERE user_key = ? AND path LIKE ? ESCAPE '\\' ORDER BY path")) {
                s.setString(1, DavDatabase.userKey(user));
                s.setString(2, DavDatabase.below(folder));
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        StoredFile f = file(r);
                        if (f.path().parent().equals(folder)) {
                            files.add(f);
                        }
                    }
                }
            }
            return files;
        });
    }

    @Override
    public void removeWithin(String user, DavPath path) {
        String key = DavDatabase.userKey(user);
        db.transaction(c -> {
            DavDatabase.deleteWithin(c, "dav_file", key, path);
            return null;
        });
    }

    @Override
    public void move(String user, DavPath from, DavPath to) {
        transfer(user, from, to, true);
    }

    @Override
    public void copy(String user, DavPath from, DavPath to) {
        transfer(user, from, to, false);
    }

    private void transfer(String user, DavPath from, DavPath to, boolean removeSource) {
        String key = DavDatabase.userKey(user);
        db.transaction(c -> {
            DavDatabase.transfer(c, "dav_file", "content, size, created, modified", key, from, to, removeSource);
            return null;
        });
    }
}
