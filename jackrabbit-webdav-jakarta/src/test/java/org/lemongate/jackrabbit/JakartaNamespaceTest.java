package org.lemongate.jackrabbit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * Proves that the classes this module produces (target/classes, which reactor dependants compile and test against)
 * are the jakarta.servlet build of Jackrabbit WebDAV, not the javax one it was made from.
 */
class JakartaNamespaceTest {

    private static final Path CLASSES = Path.of(System.getProperty("basedir", "."), "target", "classes");
    private static final String SERVLET = "org/apache/jackrabbit/webdav/server/AbstractWebdavServlet.class";

    @Test
    void servletBaseClassNamesOnlyJakartaServlet() throws IOException {
        ClassFileReferences servlet = read(CLASSES.resolve(SERVLET));

        assertTrue(servlet.linked().contains("jakarta/servlet/http/HttpServlet"),
                "AbstractWebdavServlet must extend jakarta.servlet.http.HttpServlet");
        assertTrue(servlet.linked().stream().anyMatch(s -> s.contains("jakarta/servlet/http/HttpServletRequest")));
        List<String> javax = servlet.strings().stream().filter(s -> s.contains("javax/servlet")).toList();
        assertEquals(List.of(), javax, "javax.servlet left in AbstractWebdavServlet");
    }

    @Test
    void noProducedClassLinksAgainstJavaxServlet() throws IOException {
        TreeSet<String> offenders = new TreeSet<>();
        int classes = 0;
        try (Stream<Path> files = Files.walk(CLASSES)) {
            for (Path p : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                classes++;
                for (String ref : read(p).linked()) {
                    if (ref.contains("javax/servlet")) {
                        offenders.add(CLASSES.relativize(p) + ": " + ref);
                    }
                }
            }
        }
        assertTrue(classes > 200, "expected the whole Jackrabbit WebDAV library, found " + classes + " classes");
        assertEquals(new TreeSet<>(), offenders);
    }

    @Test
    void manifestImportsJakartaServlet() throws IOException {
        String manifest = Files.readString(CLASSES.resolve("META-INF/MANIFEST.MF")).replace("\r\n ", "")
                .replace("\n ", "");
        assertTrue(manifest.contains("jakarta.servlet.http"), "OSGi imports must name jakarta.servlet.http");
        assertFalse(manifest.contains("javax.servlet"), "OSGi headers still name javax.servlet");
    }

    private static ClassFileReferences read(Path classFile) throws IOException {
        try (InputStream in = Files.newInputStream(classFile)) {
            return ClassFileReferences.read(in);
        }
    }
}
