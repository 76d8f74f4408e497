package org.lemongate.webdav;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import org.lemongate.mapping.MessageRef;

/**
 * Client-chosen names in this process's memory: correct for one gateway instance, lost on restart (the messages
 * then show under their {@link MessageNames} names). ADR 6 records the durable store that is to replace it.
 */
final class MemoryFileNames implements FileNames {

    /** Most client-chosen names remembered per user; the oldest are forgotten first. */
    static final int MAX_PER_USER = 10_000;

    private final Map<String, Names> byUser = new HashMap<>();

    /** One user's names, both ways, in insertion order for eviction. */
    private static final class Names {
        final Map<DavPath, MessageRef> byPath = new java.util.LinkedHashMap<>();
        final Map<MessageRef, DavPath> byMessage = new HashMap<>();
    }

    @Override
    public synchronized void put(String user, DavPath path, MessageRef message) {
        Names names = byUser.computeIfAbsent(user, u -> new Names());
        MessageRef previous = names.byPath.remove(path);
        if (previous != null) {
            names.byMessage.remove(previous);
        }
        DavPath old = names.byMessage.remove(message);
        if (old != null) {
            names.byPath.remove(old);
        }
        names.byPath.put(path, message);
        names.byMessage.put(message, path);
        if (names.byPath.size() > MAX_PER_USER) {
            DavPath eldest = names.byPath.keySet().iterator().next();
            names.byMessage.remove(names.byPath.remove(eldest));
        }
    }

    @Override
    public synchronized Optional<MessageRef> find(String user, DavPath path) {
        Names names = byUser.get(user);
        return names == null ? Optional.empty() : Optional.ofNullable(names.byPath.get(path));
    }

    @Override
    public synchronized Optional<DavPath> nameOf(String user, MessageRef message) {
        Names names = byUser.get(user);
        return names == null ? Optional.empty() : Optional.ofNullable(names.byMessage.get(message));
    }

    @Override
    public synchronized void remove(String user, MessageRef message) {
        Names names = byUser.get(user);
        if (names == null) {
            return;
        }
        DavPath path = names.byMessage.remove(message);
        if (path != null) {
            names.byPath.remove(path);
        }
        if (names.byPath.isEmpty()) {
            byUser.remove(user);
        }
    }
}
