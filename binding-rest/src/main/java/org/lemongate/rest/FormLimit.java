package org.lemongate.rest;

import org.apache.cxf.jaxrs.utils.JAXRSUtils;
import org.apache.cxf.message.Message;
import org.lemongate.mapping.MailException;

import jakarta.annotation.Priority;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;

/**
 * Bounds {@code multipart/form-data} bodies by the account's upload limit: refused with 413 before a byte is read
 * when the body announces more, and each part cut off at the limit while CXF reads it (a chunked body announces
 * nothing). Runs after authentication, since the limit is the account's.
 */
@Priority(Priorities.AUTHORIZATION)
final class FormLimit implements ContainerRequestFilter {

    /** CXF's contextual property bounding each part it caches. */
    private static final String PART_LIMIT = "attachment-max-size";

    @Context
    private HttpServletRequest request;

    @Override
    public void filter(ContainerRequestContext context) {
        MediaType type = context.getMediaType();
        if (type == null || !type.isCompatible(MediaType.MULTIPART_FORM_DATA_TYPE)) {
            return;
        }
        long max = Authentication.account(request).limits().maxUploadBytes();
        if (context.getLength() > max) {
            throw new MailException.TooLarge("a submission form may have at most " + max + " bytes", max);
        }
        Message message = JAXRSUtils.getCurrentMessage();
        message.put(PART_LIMIT, max);
    }
}
