package org.lemongate.webdav;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import org.lemongate.mapping.MailException;

/**
 * The {@code If} request header (RFC 4918 section 10.4), parsed and evaluated in full: untagged and tagged lists,
 * {@code Not}, state tokens and entity tags. A state token holds when it names a lock that covers the resource,
 * an entity tag when it equals the resource's; a token nobody issued simply does not hold (the request then fails
 * with 412), it is never a syntax error.
 *
 * @param lists the lists, in header order
 */
record IfHeader(List<TaggedList> lists) {

    /** Longest header accepted, in characters. */
    static final int MAX_LENGTH = 16 * 1024;

    /** One condition: a state token or an entity tag, maybe negated. */
    record Condition(boolean not, String token, String etag) {
    }

    /** One parenthesised list, with the resource it is tagged with (null for the request's resource). */
    record TaggedList(String tag, List<Condition> conditions) {
    }

    /** What a condition is evaluated against. */
    record State(Set<String> lockTokens, Optional<String> etag) {
    }

    /**
     * Parses the header.
     *
     * @throws MailException.InvalidInput when it is not RFC 4918 syntax or longer than {@link #MAX_LENGTH}
     */
    static IfHeader parse(String header) {
        if (header.length() > MAX_LENGTH) {
            throw bad("the If header is longer than " + MAX_LENGTH + " characters");
        }
        List<TaggedList> lists = new ArrayList<>();
        String tag = null;
        Boolean tagged = null;
        int i = 0;
        int n = header.length();
        while (true) {
            i = skipSpace(header, i);
            if (i >= n) {
                break;
            }
            char c = header.charAt(i);
            if (c == '<') {
                int end = header.indexOf('>', i);
                if (end < 0 || Boolean.FALSE.equals(tagged)) {
                    throw bad("a resource tag in the If header is malformed or follows an untagged list");
                }
                tag = header.substring(i + 1, end);
                tagged = true;
                i = end + 1;
                i = skipSpace(header, i);
                if (i >= n || header.charAt(i) != '(') {
                    throw bad("a resource tag in the If header is not followed by a list");
                }
            } else if (c == '(') {
                if (tagged == null) {
                    tagged = false;
                }
                int[] next = {i + 1};
                lists.add(new TaggedList(tag, conditions(header, next)));
                i = next[0];
            } else {
                throw bad("unexpected '" + c + "' in the If header");
            }
        }
        if (lists.isEmpty()) {
            throw bad("the If header holds no list");
        }
        return new IfHeader(List.copyOf(lists));
    }

    private static List<Condition> conditions(String h, int[] pos) {
        List<Condition> out = new ArrayList<>();
        int i = pos[0];
        while (true) {
            i = skipSpace(h, i);
            if (i >= h.length()) {
                throw bad("a list in the If header is not closed");
            }
            if (h.charAt(i) == ')') {
                if (out.isEmpty()) {
                    throw bad("a list in the If header is empty");
                }
                pos[0] = i + 1;
                return out;
            }
            boolean not = false;
            if (h.regionMatches(true, i, "Not", 0, 3)) {
                not = true;
                i = skipSpace(h, i + 3);
            }
            if (i >= h.length()) {
                throw bad("a condition in the If header is cut off");
            }
            char c = h.charAt(i);
            int end = h.indexOf(c == '<' ? '>' : ']', i);
            if ((c != '<' && c != '[') || end < 0) {
                throw bad("a condition in the If header is neither <state-token> nor [entity-tag]");
            }
            String value = h.substring(i + 1, end);
            out.add(c == '<' ? new Condition(not, value, null) : new Condition(not, null, value));
            i = end + 1;
        }
    }

    private static int skipSpace(String s, int i) {
        while (i < s.length() && (s.charAt(i) == ' ' || s.charAt(i) == '\t')) {
            i++;
        }
        return i;
    }

    private static MailException.InvalidInput bad(String message) {
        return new MailException.InvalidInput("If", message);
    }

    /** Every state token the header names: the lock tokens the request submits. */
    List<String> tokens() {
        List<String> tokens = new ArrayList<>();
        lists.forEach(l -> l.conditions().stream().filter(c -> c.token() != null).forEach(c -> tokens.add(c.token())));
        return tokens;
    }

    /**
     * Whether the header holds: at least one list whose every condition holds for its resource.
     *
     * @param states the state of the resource a tag names (null for the request's resource); empty when the tag
     *               names nothing the user can see
     */
    boolean holds(Function<String, Optional<State>> states) {
        for (TaggedList list : lists) {
            Optional<State> state = states.apply(list.tag());
            if (list.conditions().stream().allMatch(c -> c.not() != matches(c, state))) {
                return true;
            }
        }
        return false;
    }

    private static boolean matches(Condition c, Optional<State> state) {
        if (state.isEmpty()) {
            return false;
        }
        if (c.token() != null) {
            return state.get().lockTokens().contains(c.token());
        }
        return state.get().etag().map(e -> e.equals(c.etag()) || ("W/" + e).equals(c.etag())).orElse(false);
    }
}
