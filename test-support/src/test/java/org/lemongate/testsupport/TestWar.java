package org.lemongate.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.lemongate.testsupport.webapp.ContextParameterServlet;

/** Builds the tiny WARs that TomcatServerTest deploys: a static page, a servlet, and a web.xml. */
final class TestWar {

    static final String PAGE = "<html><body>Hello from the test WAR</body></html>";

    private TestWar() {
    }

    /** A WAR with index.html, {@link ContextParameterServlet}, and a web.xml setting context parameter "origin". */
    static Path working(Path directory) throws IOException {
        return build(directory.resolve("working.war"), """
                <?xml version="1.0" encoding="UTF-8"?>
                <web-app xmlns="https://jakarta.ee/xml/ns/jakartaee" version="6.0">
                  <context-param>
                    <param-name>origin</param-name>
                    <param-value>web.xml</param-value>
                  </context-param>
                </web-app>
                """);
    }

    /** A WAR whose web.xml is not XML, so its context fails to start. */
    static Path broken(Path directory) throws IOException {
        return build(directory.resolve("broken.war"), "<web-app>this is not closed");
    }

    private static Path build(Path war, String webXml) throws IOException {
        String servlet = ContextParameterServlet.class.getName().replace('.', '/') + ".class";
        try (OutputStream file = Files.newOutputStream(war);
             JarOutputStream jar = new JarOutputStream(file);
             InputStream servletClass = ContextParameterServlet.class.getClassLoader().getResourceAsStream(servlet)) {
            add(jar, "index.html", PAGE.getBytes(StandardCharsets.UTF_8));
            add(jar, "WEB-INF/web.xml", webXml.getBytes(StandardCharsets.UTF_8));
            add(jar, "WEB-INF/classes/" + servlet, servletClass.readAllBytes());
        }
        return war;
    }

    private static void add(JarOutputStream jar, String name, byte[] content) throws IOException {
        jar.putNextEntry(new JarEntry(name));
        jar.write(content);
        jar.closeEntry();
    }
}
