package org.lemongate.webdav;

import org.apache.jackrabbit.webdav.DavException;
import org.apache.jackrabbit.webdav.DavServletResponse;

/** The {@code Depth} header of PROPFIND, LOCK and COPY, read strictly (Jackrabbit silently falls back on garbage). */
final class Depth {

    private Depth() {
    }

    /**
     * The depth to answer: 0 or 1. A missing header means infinity (RFC 4918), which is refused on a collection
     * and is the same as 0 on a file.
     *
     * @throws DavException 400 for a value other than 0, 1 or infinity; 403 with {@code DAV:propfind-finite-depth}
     *                      for infinity on a collection
     */
    static int ofPropfind(String header, boolean collection) throws DavException {
        String value = header == null ? "infinity" : header.strip();
        switch (value.toLowerCase(java.util.Locale.ROOT)) {
            case "0":
                return 0;
            case "1":
                return collection ? 1 : 0;
            case "infinity":
                if (!collection) {
                    return 0;
                }
                throw Preconditions.failed(DavServletResponse.SC_FORBIDDEN,
                        "PROPFIND with Depth: infinity is not served on a folder; use Depth: 0 or 1",
                        "propfind-finite-depth");
            default:
                throw new DavException(DavServletResponse.SC_BAD_REQUEST,
                        "the Depth header must be 0, 1 or infinity, was '" + shortened(value) + "'");
        }
    }

    /**
     * The depth of a LOCK or COPY: infinity (also when absent) or 0.
     *
     * @return true for infinity
     * @throws DavException 400 for any other value
     */
    static boolean infinite(String header, String method) throws DavException {
        String value = header == null ? "infinity" : header.strip().toLowerCase(java.util.Locale.ROOT);
        return switch (value) {
            case "infinity" -> true;
            case "0" -> false;
            default -> throw new DavException(DavServletResponse.SC_BAD_REQUEST,
                    "the Depth of a " + method + " must be 0 or infinity, was '" + shortened(value) + "'");
        };
    }

    private static String shortened(String value) {
        return value.length() > 40 ? value.substring(0, 40) + "..." : value;
    }
}
