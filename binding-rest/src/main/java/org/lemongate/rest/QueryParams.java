package org.lemongate.rest;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import org.lemongate.mapping.MailException;

/**
 * A request's decoded query parameters, each at most once and each one the operation knows: an unknown or repeated
 * parameter is refused rather than ignored, so a typo never silently changes what a request does.
 */
final class QueryParams {

    private final Map<String, List<String>> query;

    private QueryParams(Map<String, List<String>> query) {
        this.query = query;
    }

    /**
     * Checks the parameter names.
     *
     * @param known     the parameters the operation takes
     * @param operation what the operation is called in messages, e.g. "a message list"
     * @throws MailException.InvalidInput naming the first unknown parameter
     */
    static QueryParams of(Map<String, List<String>> query, Set<String> known, String operation) {
        Set<String> unknown = new TreeSet<>(query.keySet());
        unknown.removeAll(known);
        if (!unknown.isEmpty()) {
            String name = unknown.iterator().next();
            throw new MailException.InvalidInput(name, "unknown query parameter '" + name + "'; " + operation
                    + " takes " + new TreeSet<>(known));
        }
        return new QueryParams(query);
    }

    /** The parameter's value, if given. */
    Optional<String> get(String name) {
        List<String> values = query.getOrDefault(name, List.of());
        if (values.size() > 1) {
            throw new MailException.InvalidInput(name, "query parameter '" + name + "' is given more than once");
        }
        return values.stream().findFirst();
    }

    /** The parameter's comma-separated values; empty when not given. */
    List<String> list(String name) {
        return get(name).map(v -> List.of(v.split(",", -1))).orElse(List.of());
    }
}
