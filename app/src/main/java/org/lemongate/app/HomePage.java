package org.lemongate.app;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.Set;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/** The start page at {@code /}: which bindings run here, with links to their entry points and descriptions. */
final class HomePage extends HttpServlet {

    private static final long serialVersionUID = 1L;

    private final transient Set<Binding> bindings;
    private final transient LatestReport report;

    HomePage(Set<Binding> bindings, LatestReport report) {
        this.bindings = Set.copyOf(bindings);
        this.report = report;
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse res) throws IOException {
        res.setContentType("text/html; charset=UTF-8");
        res.setHeader("Cache-Control", "no-cache");
        String base = escape(req.getContextPath());
        PrintWriter out = res.getWriter();
        out.println("<!DOCTYPE html>");
        out.println("<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Lemongate</title></head><body>");
        out.println("<h1>Lemongate</h1>");
        out.println("<p>This gateway serves the mailboxes of an IMAP server over HTTP. "
                + "Sign in with your mail account (HTTP Basic).</p>");
        out.println("<h2>Bindings</h2>");
        out.println("<ul>");
        for (Binding b : Binding.values()) {
            if (!bindings.contains(b)) {
                continue;
            }
            out.print("<li id=\"" + b.label() + "\">" + escape(b.title()) + ":");
            for (Binding.Link link : b.links()) {
                out.print(" <a href=\"" + base + escape(link.path()) + "\">" + escape(link.title()) + "</a>");
            }
            out.println("</li>");
        }
        out.println("</ul>");
        out.println("<h2>Operations</h2>");
        out.println("<ul><li><a href=\"" + base + "/healthz\">liveness</a></li>"
                + "<li><a href=\"" + base + "/readyz\">readiness</a></li>"
                + "<li><a href=\"" + base + "/metrics\">metrics</a></li></ul>");
        if (report.present()) {
            out.println("<h2>Binding comparison</h2>");
            out.println("<p><a id=\"compare-report\" href=\"" + base + LatestReport.PATH
                    + "\">the latest comparison report</a> (from <code>java -jar lemongate.jar compare</code>)</p>");
        }
        out.println("</body></html>");
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
