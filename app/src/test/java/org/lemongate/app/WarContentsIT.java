package org.lemongate.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;

import org.junit.jupiter.api.Test;

/**
 * What reaches {@code lemongate.war}, read from the built file: the enforcer rule checks Maven coordinates, this
 * checks classes, whatever jar they came in.
 */
class WarContentsIT {

    private static final Path WAR = Path.of(System.getProperty("lemongate.war", "target/lemongate.war"));

    /** Jars that belong to the self-contained jar only, or to the container. */
    private static final List<String> FOREIGN_JARS = List.of("undertow-", "xnio-", "jboss-", "wildfly-",
            "greenmail", "jakarta.servlet-api", "smallrye-common-", "bcprov-", "bcpkix-", "bcutil-");

    @Test
    void noJavaxServletAndExactlyOneCopyOfJakartaMail() throws IOException {
        List<String> javaxServlet = new ArrayList<>();
        List<String> jakartaMail = new ArrayList<>();
        List<String> foreign = new ArrayList<>();
        try (ZipFile war = new ZipFile(WAR.toFile())) {
            for (ZipEntry entry : war.stream().toList()) {
                String name = entry.getName();
                if (name.startsWith("WEB-INF/classes/javax/servlet/")) {
                    javaxServlet.add(name);
                }
                if (!name.startsWith("WEB-INF/lib/") || !name.endsWith(".jar")) {
                    continue;
                }
                String jar = name.substring("WEB-INF/lib/".length());
                if (FOREIGN_JARS.stream().anyMatch(jar::startsWith)) {
                    foreign.add(jar);
                }
                try (ZipInputStream in = new ZipInputStream(war.getInputStream(entry))) {
                    boolean hasJavaxServlet = false;
                    for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                        hasJavaxServlet |= e.getName().startsWith("javax/servlet/");
                        if (e.getName().equals("jakarta/mail/Session.class")) {
                            jakartaMail.add(jar);
                        }
                    }
                    if (hasJavaxServlet) {
                        javaxServlet.add(jar);
                    }
                }
            }
        }
        assertEquals(List.of(), javaxServlet, "javax.servlet classes in the WAR");
        assertEquals(1, jakartaMail.size(), "jars with jakarta/mail/Session.class: " + jakartaMail);
        assertEquals(List.of(), foreign, "embedded-server, demo or container jars in the WAR");
    }

    @Test
    void webXmlIsMetadataCompleteServlet6WithOneListener() throws IOException {
        try (ZipFile war = new ZipFile(WAR.toFile())) {
            ZipEntry webXml = war.getEntry("WEB-INF/web.xml");
            assertNotNull(webXml);
            String text;
            try (InputStream in = war.getInputStream(webXml)) {
                text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            assertTrue(text.contains("version=\"6.0\""), text);
            assertTrue(text.contains("metadata-complete=\"true\""), text);
            assertEquals(1, text.split("<listener-class>", -1).length - 1, text);
            assertTrue(text.contains("<listener-class>org.lemongate.app.GatewayWebApp</listener-class>"), text);
            assertNotNull(war.getEntry("WEB-INF/classes/org/lemongate/app/GatewayWebApp.class"));
            assertTrue(war.stream().anyMatch(e -> e.getName().toLowerCase(Locale.ROOT)
                    .matches("web-inf/lib/lemongate-binding-(rest|soap|webdav)-.*\\.jar")), "bindings included");
        }
    }
}
