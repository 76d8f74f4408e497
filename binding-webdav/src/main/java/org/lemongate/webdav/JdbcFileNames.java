package org.lemongate.webdav;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.lemongate.mapping.MailboxName;
import org.lemongate.mapping.MessageRef;

/**
 * Client-chosen file names in the {@link DavDatabase}, one row per named message: a file keeps the name it was
 * created with across restarts and on every gateway instance.
 */
final class JdbcFileNames implements FileNames {

    private final DavDatabase db;

    JdbcFileNames(DavDatabase db) {
        this.db = db;
    }

    @Override
    public void put(String user, StoredName name, MessageRef message) {
        String key = DavDatabase.userKey(user);
        db.transaction(c -> {
            deleteMessage(c, key, message);
            try (PreparedStatement s = c.prepareStatement("MERGE INTO dav_name (user_key, path, mailbox,"
                    + " uid_validity, uid, original_size) KEY (user_key, path) VALUES (?, ?, ?, ?, ?, ?)")) {
                s.setString(1, key);
                s.setString(2, DavDatabase.key(name.path()));
                s.setLong(6, name.wrappedBytes());
                s.setString(3, message.mailbox().toString());
                s.setLong(4, message.uidValidity());
                s.setLong(5, message.uid());
                s.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public Optional<MessageRef> find(String user, DavPath path) {
        return db.transaction(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT mailbox, uid_validity, uid FROM dav_name"
                    + " WHERE user_key = ? AND path = ?")) {
                s.setString(1, DavDatabase.userKey(user));
                s.setString(2, DavDatabase.key(path));
                try (ResultSet r = s.executeQuery()) {
                    return r.next()
                            ? Optional.of(MessageRef.of(MailboxName.of(r.getString(1)), r.getLong(2), r.getLong(3)))
                            : Optional.empty();
                }
            }
        });
    }

    @Override
    public Optional<StoredName> nameOf(String user, MessageRef message) {
        return db.transaction(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT path, original_size FROM dav_name WHERE user_key = ?"
                    + " AND mailbox = ? AND uid_validity = ? AND uid = ?")) {
                s.setString(1, DavDatabase.userKey(user));
                s.setString(2, message.mailbox().toString());
                s.setLong(3, message.uidValidity());
                s.setLong(4, message.uid());
                try (ResultSet r = s.executeQuery()) {
                    return r.next() ? Optional.of(new StoredName(DavDatabase.path(r.getString(1)), r.getLong(2)))
                            : Optional.empty();
                }
            }
        });
    }

    @Override
    public Map<MessageRef, StoredName> inMailbox(String user, MailboxName mailbox) {
        return db.transaction(c -> {
            Map<MessageRef, StoredName> names = new HashMap<>();
            try (PreparedStatement s = c.prepareStatement("SELECT path, uid_validity, uid, original_size FROM dav_name"
                    + " WHERE user_key = ? AND mailbox = ?")) {
                s.setString(1, DavDatabase.userKey(user));
                s.setString(2, mailbox.toString());
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        names.put(MessageRef.of(mailbox, r.getLong(2), r.getLong(3)),
                                new StoredName(DavDatabase.path(r.getString(1)), r.getLong(4)));
                    }
                }
            }
            return names;
        });
    }

    @Override
    public void renameFolder(String user, DavPath from, DavPath to) {
        String key = DavDatabase.userKey(user);
        db.transaction(c -> {
            // Whatever the target folder held was replaced (Overwrite: T) and its names with it.
            deleteBelow(c, key, to);
            List<String> paths = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("SELECT path FROM dav_name WHERE user_key = ? AND path LIKE ? ESCAPE '\\'")) {
                s.setString(1, key);
                s.setString(2, DavDatabase.below(from));
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        paths.add(r.getString(1));
                    }
                }
            }
            int cut = from.segments().size();
            for (String path : paths) {
                DavPath old = DavDatabase.path(path);
                List<String> segments = new ArrayList<>(to.segments());
                segments.addAll(old.segments().subList(cut, old.segments().size()));
                DavPath moved = new DavPath(segments);
                try (PreparedStatement s = c.prepareStatement("UPDATE dav_name SET path = ?, mailbox = ?"
                        + " WHERE user_key = ? AND path = ?")) {
                    s.setString(1, DavDatabase.key(moved));
                    s.setString(2, MailboxName.ofSegments(moved.parent().segments()).toString());
                    s.setString(3, key);
                    s.setString(4, path);
                    s.executeUpdate();
                }
            }
            return null;
        });
    }

    @Override
    public void remove(String user, MessageRef message) {
        String key = DavDatabase.userKey(user);
        db.transaction(c -> {
            deleteMessage(c, key, message);
            return null;
        });
    }

    @Override
    public void removeBelow(String user, DavPath folder) {
        String key = DavDatabase.userKey(user);
        db.transaction(c -> {
            deleteBelow(c, key, folder);
            return null;
        });
    }

    private static void deleteBelow(Connection c, String key, DavPath folder) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("DELETE FROM dav_name WHERE user_key = ?"
                + " AND path LIKE ? ESCAPE '\\'")) {
            s.setString(1, key);
            s.setString(2, DavDatabase.below(folder));
            s.executeUpdate();
        }
    }

    private static void deleteMessage(Connection c, String key, MessageRef message) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("DELETE FROM dav_name WHERE user_key = ? AND mailbox = ?"
                + " AND uid_validity = ? AND uid = ?")) {
            s.setString(1, key);
            s.setString(2, message.mailbox().toString());
            s.setLong(3, message.uidValidity());
            s.setLong(4, message.uid());
            s.executeUpdate();
        }
    }
}
