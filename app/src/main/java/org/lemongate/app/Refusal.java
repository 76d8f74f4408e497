package org.lemongate.app;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.lemongate.mapping.ErrorCode;
import org.lemongate.rest.RestBinding;
import org.lemongate.soap.SoapBinding;

/**
 * Answers a request the gateway's own filters refuse, in the idiom of the binding it was meant for: a problem
 * document for REST, a Client fault for SOAP, a plain-text status for WebDAV and the gateway's own pages.
 */
final class Refusal {

    private static final int MAX_ECHO = 100;

    private Refusal() {
    }

    /**
     * @param code   the REST problem slug, e.g. {@code insecure-transport}
     * @param title  the REST problem title
     * @param detail what was wrong, in words the user can act on; never a secret
     */
    static void send(HttpServletRequest req, HttpServletResponse res, int status, String code, String title,
                     String detail) throws IOException {
        String path = req.getRequestURI().substring(req.getContextPath().length());
        Binding binding = Binding.serving(path).orElse(null);
        if (binding == Binding.REST) {
            RestBinding.refuse(res, status, code, title, detail);
        } else if (binding == Binding.SOAP) {
            SoapBinding.refuse(req, res, status, status == 403 ? ErrorCode.FORBIDDEN : ErrorCode.INVALID_INPUT,
                    detail);
        } else {
            byte[] body = (detail + "\n").getBytes(StandardCharsets.UTF_8);
            res.setStatus(status);
            res.setContentType("text/plain; charset=UTF-8");
            res.setHeader("Cache-Control", "no-store");
            res.setContentLength(body.length);
            res.getOutputStream().write(body);
        }
    }

    /** A client-supplied value fit to quote in a log line or message: one line, short. */
    static String printable(String value) {
        if (value == null) {
            return "";
        }
        String oneLine = value.replaceAll("\\p{Cntrl}", "?");
        return oneLine.length() > MAX_ECHO ? oneLine.substring(0, MAX_ECHO) + "..." : oneLine;
    }
}
