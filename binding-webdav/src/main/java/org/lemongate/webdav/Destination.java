package org.lemongate.webdav;

import org.apache.jackrabbit.webdav.DavException;
import org.apache.jackrabbit.webdav.DavServletResponse;
import org.apache.jackrabbit.webdav.WebdavRequest;

/**
 * Where a MOVE or COPY goes, read from its {@code Destination} and {@code Overwrite} headers. The destination is
 * always in the requesting user's own tree: there is no path to anyone else's.
 *
 * @param locator   the target, below the same mount
 * @param overwrite whether an existing target may be replaced (the default)
 */
record Destination(MailLocator locator, boolean overwrite) {

    /**
     * @throws DavException 400 for a missing or malformed header, 403 for a destination on another server
     */
    static Destination of(WebdavRequest request) throws DavException {
        String header = request.getHeader("Destination");
        if (header == null || header.isBlank()) {
            throw new DavException(DavServletResponse.SC_BAD_REQUEST, request.getMethod()
                    + " needs a Destination header naming the target URL");
        }
        // Jackrabbit checks the host and cuts the context path; our locator factory checks the rest.
        MailLocator target = (MailLocator) request.getDestinationLocator();
        return new Destination(target, overwrite(request.getHeader("Overwrite")));
    }

    private static boolean overwrite(String header) throws DavException {
        if (header == null) {
            return true;
        }
        return switch (header.strip()) {
            case "T", "t" -> true;
            case "F", "f" -> false;
            default -> throw new DavException(DavServletResponse.SC_BAD_REQUEST,
                    "the Overwrite header must be T or F");
        };
    }
}
