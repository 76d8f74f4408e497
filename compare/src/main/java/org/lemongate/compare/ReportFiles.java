package org.lemongate.compare;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Writes the three forms of a report next to each other. */
final class ReportFiles {

    /** The file names, which the gateway's report page serves and nothing else. */
    static final List<String> NAMES = List.of("report.html", "report.md", "report.json");

    private ReportFiles() {
    }

    static List<Path> write(Report report, Path directory) throws IOException {
        Files.createDirectories(directory);
        Path html = Files.writeString(directory.resolve("report.html"), HtmlReport.render(report),
                StandardCharsets.UTF_8);
        Path md = Files.writeString(directory.resolve("report.md"), MarkdownReport.render(report),
                StandardCharsets.UTF_8);
        Path json = Files.writeString(directory.resolve("report.json"), JsonReport.render(report),
                StandardCharsets.UTF_8);
        return List.of(html, md, json);
    }
}
