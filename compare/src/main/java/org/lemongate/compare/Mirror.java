package org.lemongate.compare;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a client holds of a folder's listing between syncs, so that an incremental sync with a sync token only has
 * to apply what changed: new messages are added, vanished ones removed (by the client's own reference).
 */
final class Mirror {

    private final Map<String, MessageHandle> byRef = new LinkedHashMap<>();

    /** Holds exactly this listing, as after a full one. */
    void replace(List<MessageHandle> listing) {
        byRef.clear();
        listing.forEach(this::add);
    }

    void add(MessageHandle message) {
        byRef.put(message.ref(), message);
    }

    /** Forgets a message; a reference the client never held is ignored, as the sync documentation asks. */
    void vanish(String ref) {
        byRef.remove(ref);
    }

    List<MessageHandle> listing() {
        return List.copyOf(byRef.values());
    }
}
