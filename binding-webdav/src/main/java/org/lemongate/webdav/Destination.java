package org.lemongate.webdav;

import java.net.URI;
import java.net.URISyntaxException;

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

    /**
     * The Destination header without the user info of an absolute URL: it names no place, and the credentials that
     * count are the request's own. Anything that is not such a URL (a path, a malformed header, null) comes back as
     * it was, for Jackrabbit to judge.
     */
    static String withoutUserInfo(String header) {
        if (header == null) {
            return null;
        }
        try {
            URI uri = new URI(header.strip());
            String authority = uri.getRawAuthority();
            if (uri.getRawUserInfo() == null || authority == null) {
                return header;
            }
            String query = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
            String path = uri.getRawPath() == null ? "" : uri.getRawPath();
            return uri.getScheme() + "://" + authority.substring(authority.lastIndexOf('@') + 1) + path + query;
        } catch (URISyntaxException e) {
            return header;
        }
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
