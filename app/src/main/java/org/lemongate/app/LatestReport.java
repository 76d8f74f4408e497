package org.lemongate.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.lemongate.compare.Compare;

/**
 * {@code /reports/latest/}: the newest report of {@code java -jar lemongate.jar compare} run from the gateway's
 * working directory, read-only. Only the three report files are served, by fixed name, never a path taken from the
 * request; the page gets the report's own strict Content-Security-Policy.
 */
final class LatestReport extends HttpServlet {

    /** Where the landing page links to. */
    static final String PATH = "/reports/latest/";

    private static final long serialVersionUID = 1L;
    private static final Map<String, String> TYPES = Map.of(
            "report.html", "text/html; charset=UTF-8",
            "report.md", "text/markdown; charset=UTF-8",
            "report.json", "application/json");

    private final transient Path directory;

    LatestReport(Path reports) {
        this.directory = reports.resolve(Compare.LATEST);
    }

    /** Whether there is a report to link to. */
    boolean present() {
        return Files.isRegularFile(directory.resolve("report.html"));
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse res) throws IOException {
        String info = req.getPathInfo();
        String name = info == null || info.equals("/") ? "report.html" : info.substring(1);
        if (!Compare.reportFiles().contains(name)) {
            res.sendError(HttpServletResponse.SC_NOT_FOUND, "only report.html, report.md and report.json are here");
            return;
        }
        Path file = directory.resolve(name);
        if (!Files.isRegularFile(file)) {
            res.sendError(HttpServletResponse.SC_NOT_FOUND,
                    "no comparison report yet: run java -jar lemongate.jar compare in the gateway's directory");
            return;
        }
        res.setContentType(TYPES.get(name));
        res.setHeader("Content-Security-Policy", Compare.reportContentSecurityPolicy());
        res.setHeader("X-Content-Type-Options", "nosniff");
        res.setHeader("Cache-Control", "no-cache");
        res.setContentLengthLong(Files.size(file));
        Files.copy(file, res.getOutputStream());
    }
}
