package org.lemongate.webdav;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

import org.lemongate.mapping.MessageRef;

/** {@link ReportedNames} in the {@link DavDatabase}: every gateway instance answers a client's next sync alike. */
final class JdbcReportedNames implements ReportedNames {

    private final DavDatabase db;

    JdbcReportedNames(DavDatabase db) {
        this.db = db;
    }

    @Override
    public void record(String user, Map<MessageRef, String> leaves) {
        if (leaves.isEmpty()) {
            return;
        }
        String key = DavDatabase.userKey(user);
        db.transaction(c -> {
            try (PreparedStatement s = c.prepareStatement("MERGE INTO dav_reported (user_key, mailbox,"
                    + " uid_validity, uid, leaf) KEY (user_key, mailbox, uid_validity, uid) VALUES (?, ?, ?, ?, ?)")) {
                for (Map.Entry<MessageRef, String> e : leaves.entrySet()) {
                    s.setString(1, key);
                    s.setString(2, e.getKey().mailbox().toString());
                    s.setLong(3, e.getKey().uidValidity());
                    s.setLong(4, e.getKey().uid());
                    s.setString(5, e.getValue());
                    s.addBatch();
                }
                s.executeBatch();
            }
            return null;
        });
    }

    @Override
    public Map<MessageRef, String> find(String user, Collection<MessageRef> refs) {
        String key = DavDatabase.userKey(user);
        return db.transaction(c -> {
            Map<MessageRef, String> found = new HashMap<>();
            try (PreparedStatement s = c.prepareStatement("SELECT leaf FROM dav_reported WHERE user_key = ?"
                    + " AND mailbox = ? AND uid_validity = ? AND uid = ?")) {
                for (MessageRef ref : refs) {
                    s.setString(1, key);
                    s.setString(2, ref.mailbox().toString());
                    s.setLong(3, ref.uidValidity());
                    s.setLong(4, ref.uid());
                    try (ResultSet r = s.executeQuery()) {
                        if (r.next()) {
                            found.put(ref, r.getString(1));
                        }
                    }
                }
            }
            return found;
        });
    }
}
