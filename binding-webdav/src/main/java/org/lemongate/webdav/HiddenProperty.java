package org.lemongate.webdav;

import org.apache.jackrabbit.webdav.property.DavPropertyName;
import org.apache.jackrabbit.webdav.property.DefaultDavProperty;

/**
 * A protected live property that {@code allprop} leaves out: it is reported only when asked for by name, as
 * RFC 4331 requires of the quota properties and as keeps listings small for the mail properties.
 *
 * @param <T> the value type
 */
final class HiddenProperty<T> extends DefaultDavProperty<T> {

    HiddenProperty(DavPropertyName name, T value) {
        super(name, value, true);
    }

    @Override
    public boolean isInvisibleInAllprop() {
        return true;
    }
}
