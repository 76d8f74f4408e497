package org.lemongate.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import java.util.zip.ZipEntry;

import org.junit.jupiter.api.Test;

/**
 * Resources that several jars each contribute under the same name must all survive shading: CXF finds its bus
 * extensions and Java its service providers only through these files.
 */
class ShadedJarIT {

    private static final Path JAR = Path.of(System.getProperty("lemongate.jar", "target/lemongate.jar"));

    @Test
    void manifestNamesTheMainClass() throws IOException {
        try (JarFile jar = new JarFile(JAR.toFile())) {
            assertEquals(Main.class.getName(), jar.getManifest().getMainAttributes().getValue("Main-Class"));
        }
    }

    @Test
    void everyCxfBusExtensionIsKept() throws IOException {
        String resource = "META-INF/cxf/bus-extensions.txt";
        List<URL> originals = Collections.list(getClass().getClassLoader().getResources(resource));
        assertTrue(originals.size() > 1, "CXF contributes several: " + originals);
        try (JarFile jar = new JarFile(JAR.toFile())) {
            Set<String> shaded = lines(jar, resource);
            for (URL original : originals) {
                for (String line : lines(original)) {
                    assertTrue(shaded.contains(line), line + " from " + original + " is missing");
                }
            }
        }
    }

    @Test
    void everyCxfWsdlPluginIsKept() throws IOException {
        String resource = "META-INF/wsdl.plugin.xml";
        List<URL> originals = Collections.list(getClass().getClassLoader().getResources(resource));
        assertTrue(originals.size() > 1, "CXF contributes several: " + originals);
        try (JarFile jar = new JarFile(JAR.toFile())) {
            Properties shaded = new Properties();
            try (InputStream in = jar.getInputStream(jar.getEntry(resource))) {
                shaded.loadFromXML(in);
            }
            for (URL original : originals) {
                Properties plugins = new Properties();
                try (InputStream in = original.openStream()) {
                    plugins.loadFromXML(in);
                }
                plugins.forEach((key, value) -> assertEquals(value, shaded.get(key), key + " from " + original));
            }
        }
    }

    @Test
    void everyServiceProviderInTheJarIsStillRegistered() throws IOException {
        try (JarFile jar = new JarFile(JAR.toFile())) {
            List<String> services = jar.stream().map(ZipEntry::getName)
                    .filter(n -> n.startsWith("META-INF/services/") && !n.endsWith("/")).toList();
            assertTrue(services.size() > 5, "services: " + services);
            List<String> lost = new ArrayList<>();
            for (String service : services) {
                Set<String> shaded = lines(jar, service);
                for (URL original : Collections.list(getClass().getClassLoader().getResources(service))) {
                    for (String provider : lines(original)) {
                        boolean shipped = jar.getEntry(provider.replace('.', '/') + ".class") != null;
                        if (shipped && !shaded.contains(provider)) {
                            lost.add(service + ": " + provider);
                        }
                    }
                }
            }
            assertEquals(List.of(), lost, "providers shipped in the jar but no longer registered");
        }
    }

    private static Set<String> lines(JarFile jar, String name) throws IOException {
        ZipEntry entry = jar.getEntry(name);
        assertNotNull(entry, name);
        try (InputStream in = jar.getInputStream(entry)) {
            return clean(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    private static Set<String> lines(URL url) throws IOException {
        try (InputStream in = url.openStream()) {
            return clean(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    private static Set<String> clean(String text) {
        return text.lines().map(l -> l.replaceFirst("#.*", "").strip()).filter(l -> !l.isEmpty())
                .collect(Collectors.toSet());
    }
}
