package org.lemongate.webdav;

import java.io.ByteArrayInputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.List;
import java.util.Set;

import javax.xml.parsers.ParserConfigurationException;
import javax.xml.transform.TransformerException;

import org.apache.jackrabbit.webdav.DavException;
import org.apache.jackrabbit.webdav.property.DavProperty;
import org.apache.jackrabbit.webdav.property.DavPropertyName;
import org.apache.jackrabbit.webdav.property.DefaultDavProperty;
import org.apache.jackrabbit.webdav.xml.DomUtil;
import org.w3c.dom.Document;
import org.xml.sax.SAXException;

/**
 * Dead properties in the {@link DavDatabase}, each stored as the XML element the client sent, so that any value,
 * mixed content and namespaces included, comes back as it was set, after a restart too.
 */
final class JdbcDeadProperties implements DeadProperties {


    private final DavDatabase db;

    JdbcDeadProperties(DavDatabase db) {
        this.db = db;
    }

    @Override
    public List<DavProperty<?>> get(String user, DavPath path) {
        List<String> xml = db.transaction(c -> {
            List<String> found = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("SELECT xml FROM dav_property WHERE user_key = ?"
                    + " AND path = ? ORDER BY namespace, local_name")) {
                s.setString(1, DavDatabase.userKey(user));
                s.setString(2, DavDatabase.key(path));
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        found.add(r.getString(1));
                    }
                }
            }
            return found;
        });
        List<DavProperty<?>> props = new ArrayList<>(xml.size());
        for (String x : xml) {
            props.add(fromXml(x));
        }
        return props;
    }

    @Override
    public Map<DavPath, List<DavProperty<?>>> children(String user, DavPath folder) {
        List<String[]> rows = db.transaction(c -> {
            List<String[]> found = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("SELECT path, xml FROM dav_property WHERE user_key = ?"
                    + " AND path LIKE ? ESCAPE '\\' ORDER BY path, namespace, local_name")) {
                s.setString(1, DavDatabase.userKey(user));
                s.setString(2, DavDatabase.below(folder));
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        found.add(new String[] {r.getString(1), r.getString(2)});
                    }
                }
            }
            return found;
        });
        Map<DavPath, List<DavProperty<?>>> byPath = new HashMap<>();
        for (String[] row : rows) {
            DavPath path = DavDatabase.path(row[0]);
            if (path.parent().equals(folder)) {
                byPath.computeIfAbsent(path, p -> new ArrayList<>()).add(fromXml(row[1]));
            }
        }
        return byPath;
    }

    @Override
    public boolean fits(String user, DavPath path, List<DavProperty<?>> set, List<DavPropertyName> remove) {
        Set<DavPropertyName> names = new HashSet<>();
        get(user, path).forEach(p -> names.add(p.getName()));
        remove.forEach(names::remove);
        set.forEach(p -> names.add(p.getName()));
        return names.size() <= MAX_PER_RESOURCE;
    }

    @Override
    public void apply(String user, DavPath path, List<DavProperty<?>> set, List<DavPropertyName> remove) {
        String key = DavDatabase.userKey(user);
        db.transaction(c -> {
            for (DavPropertyName name : remove) {
                try (PreparedStatement s = c.prepareStatement("DELETE FROM dav_property WHERE user_key = ?"
                        + " AND path = ? AND namespace = ? AND local_name = ?")) {
                    s.setString(1, key);
                    s.setString(2, DavDatabase.key(path));
                    s.setString(3, name.getNamespace().getURI());
                    s.setString(4, name.getName());
                    s.executeUpdate();
                }
            }
            for (DavProperty<?> p : set) {
                try (PreparedStatement s = c.prepareStatement("MERGE INTO dav_property (user_key, path, namespace,"
                        + " local_name, xml) KEY (user_key, path, namespace, local_name) VALUES (?, ?, ?, ?, ?)")) {
                    s.setString(1, key);
                    s.setString(2, DavDatabase.key(path));
                    s.setString(3, p.getName().getNamespace().getURI());
                    s.setString(4, p.getName().getName());
                    s.setString(5, toXml(p));
                    s.executeUpdate();
                }
            }
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

    @Override
    public void removeWithin(String user, DavPath path) {
        String key = DavDatabase.userKey(user);
        db.transaction(c -> {
            DavDatabase.deleteWithin(c, "dav_property", key, path);
            return null;
        });
    }

    private void transfer(String user, DavPath from, DavPath to, boolean removeSource) {
        String key = DavDatabase.userKey(user);
        db.transaction(c -> {
            DavDatabase.transfer(c, "dav_property", "namespace, local_name, xml", key, from, to, removeSource);
            return null;
        });
    }

    private static String toXml(DavProperty<?> property) {
        try {
            Document doc = DomUtil.createDocument();
            doc.appendChild(property.toXml(doc));
            StringWriter out = new StringWriter();
            DomUtil.transformDocument(doc, out);
            return out.toString();
        } catch (ParserConfigurationException | TransformerException | SAXException e) {
            throw new IllegalStateException("a dead property cannot be written as XML", e);
        }
    }

    private static DavProperty<?> fromXml(String xml) {
        byte[] bytes = xml.getBytes(StandardCharsets.UTF_8);
        try {
            return DefaultDavProperty.createFromXml(
                    RequestXml.parse(new ByteArrayInputStream(bytes), bytes.length).getDocumentElement());
        } catch (DavException e) {
            throw new IllegalStateException("a stored dead property is not well-formed XML", e);
        }
    }
}
