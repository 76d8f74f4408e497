package org.lemongate.webdav;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.jackrabbit.webdav.property.DavProperty;
import org.apache.jackrabbit.webdav.property.DavPropertyName;

/**
 * Dead properties in this process's memory: correct for one gateway instance, lost on restart. ADR 6 records the
 * durable store that is to replace it.
 */
final class MemoryDeadProperties implements DeadProperties {

    private final Map<String, Map<DavPath, Map<DavPropertyName, DavProperty<?>>>> byUser = new HashMap<>();

    @Override
    public synchronized List<DavProperty<?>> get(String user, DavPath path) {
        Map<DavPropertyName, DavProperty<?>> props = paths(user).get(path);
        return props == null ? List.of() : List.copyOf(props.values());
    }

    @Override
    public synchronized boolean fits(String user, DavPath path, List<DavProperty<?>> set,
                                     List<DavPropertyName> remove) {
        Map<DavPropertyName, DavProperty<?>> now = new HashMap<>(paths(user).getOrDefault(path, Map.of()));
        remove.forEach(now::remove);
        set.forEach(p -> now.put(p.getName(), p));
        return now.size() <= MAX_PER_RESOURCE;
    }

    @Override
    public synchronized void apply(String user, DavPath path, List<DavProperty<?>> set,
                                   List<DavPropertyName> remove) {
        Map<DavPath, Map<DavPropertyName, DavProperty<?>>> paths = paths(user);
        Map<DavPropertyName, DavProperty<?>> props = paths.computeIfAbsent(path, p -> new LinkedHashMap<>());
        remove.forEach(props::remove);
        set.forEach(p -> props.put(p.getName(), p));
        tidy(user, path);
    }

    @Override
    public synchronized void move(String user, DavPath from, DavPath to) {
        transfer(user, from, to, true);
    }

    @Override
    public synchronized void copy(String user, DavPath from, DavPath to) {
        transfer(user, from, to, false);
    }

    @Override
    public synchronized void removeWithin(String user, DavPath path) {
        paths(user).keySet().removeIf(p -> p.isWithin(path));
        tidy(user, path);
    }

    private void transfer(String user, DavPath from, DavPath to, boolean removeSource) {
        Map<DavPath, Map<DavPropertyName, DavProperty<?>>> paths = paths(user);
        paths.keySet().removeIf(p -> p.isWithin(to));
        Map<DavPath, Map<DavPropertyName, DavProperty<?>>> moved = new HashMap<>();
        for (Map.Entry<DavPath, Map<DavPropertyName, DavProperty<?>>> e : new ArrayList<>(paths.entrySet())) {
            if (e.getKey().isWithin(from)) {
                List<String> rest = e.getKey().segments().subList(from.segments().size(), e.getKey().segments().size());
                List<String> target = new ArrayList<>(to.segments());
                target.addAll(rest);
                moved.put(new DavPath(target), new LinkedHashMap<>(e.getValue()));
                if (removeSource) {
                    paths.remove(e.getKey());
                }
            }
        }
        paths.putAll(moved);
        tidy(user, from);
    }

    private Map<DavPath, Map<DavPropertyName, DavProperty<?>>> paths(String user) {
        return byUser.computeIfAbsent(user, u -> new HashMap<>());
    }

    /** Drops empty entries, so memory follows the properties held. */
    private void tidy(String user, DavPath path) {
        Map<DavPath, Map<DavPropertyName, DavProperty<?>>> paths = byUser.get(user);
        if (paths == null) {
            return;
        }
        Map<DavPropertyName, DavProperty<?>> props = paths.get(path);
        if (props != null && props.isEmpty()) {
            paths.remove(path);
        }
        if (paths.isEmpty()) {
            byUser.remove(user);
        }
    }
}
