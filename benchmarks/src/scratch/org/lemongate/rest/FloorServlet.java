package org.lemongate.rest;

import java.io.IOException;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.lemongate.mapping.BasicAuthorization;
import org.lemongate.mapping.ByteRange;
import org.lemongate.mapping.Content;
import org.lemongate.mapping.Credentials;
import org.lemongate.mapping.MailAccount;
import org.lemongate.mapping.MailGateway;
import org.lemongate.mapping.MessageRef;

/** Scratch: the same as FloorHandler through the servlet API, behind the application's filters. */
public final class FloorServlet extends HttpServlet {
    private final transient MailGateway gateway;

    public FloorServlet(MailGateway gateway) {
        this.gateway = gateway;
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse res) throws IOException {
        Credentials c = BasicAuthorization.parse(req.getHeader("Authorization"), req.getRemoteAddr()).orElseThrow();
        MailAccount account = gateway.login(c);
        MessageRef ref = MessageIds.parse(req.getPathInfo().substring(1));
        try (Content content = account.openRaw(ref, ByteRange.ALL)) {
            res.setContentType(content.contentType());
            res.setHeader("ETag", ETags.raw(ref).toString());
            res.setHeader("Cache-Control", "private, max-age=31536000, immutable");
            res.setHeader("Accept-Ranges", "bytes");
            res.setContentLengthLong(content.length().orElseThrow());
            content.stream().transferTo(res.getOutputStream());
        }
    }
}
