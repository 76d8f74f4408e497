package org.lemongate.webdav;

import java.util.List;
import java.util.Map;

import org.apache.jackrabbit.webdav.property.DavProperty;
import org.apache.jackrabbit.webdav.property.DavPropertyName;

/**
 * Properties clients set with PROPPATCH that mean nothing to IMAP (e.g. Windows' Win32* times), kept per user and
 * path. They follow MOVE and COPY and go with DELETE.
 */
interface DeadProperties {

    /** Most dead properties on one resource. */
    int MAX_PER_RESOURCE = 100;

    /** The resource's dead properties. */
    List<DavProperty<?>> get(String user, DavPath path);

    /** The dead properties of every resource directly inside {@code folder}, by path; one query for a listing. */
    Map<DavPath, List<DavProperty<?>>> children(String user, DavPath folder);

    /** Whether {@code set} more properties fit on the resource after {@code remove} are gone. */
    boolean fits(String user, DavPath path, List<DavProperty<?>> set, List<DavPropertyName> remove);

    /** Sets and removes properties of one resource, all at once. */
    void apply(String user, DavPath path, List<DavProperty<?>> set, List<DavPropertyName> remove);

    /** Moves the properties of {@code from} and everything below it to {@code to}. */
    void move(String user, DavPath from, DavPath to);

    /** Copies the properties of {@code from} and everything below it to {@code to}. */
    void copy(String user, DavPath from, DavPath to);

    /** Forgets the properties of {@code path} and everything below it. */
    void removeWithin(String user, DavPath path);
}
