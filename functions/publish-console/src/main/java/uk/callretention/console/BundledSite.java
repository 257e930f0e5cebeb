package uk.callretention.console;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import uk.callretention.console.site.ConsoleFiles;

/**
 * The console's files as the build bundled them, under console-site/ on the class path: a folder in Lambda (which
 * unpacks the jar into /var/task) and in a Maven build, a jar entry when the local runtime loads the function's jar.
 */
final class BundledSite {

    private BundledSite() {
    }

    /** @return each file's bytes by its path under console-site/ */
    static Map<String, byte[]> read(ClassLoader loader) {
        URL index = loader.getResource(ConsoleFiles.ROOT + "index.html");
        if (index == null) {
            throw new IllegalStateException("no " + ConsoleFiles.ROOT + "index.html on the class path; is the console module's jar in this function's jar?");
        }
        try {
            return switch (index.getProtocol()) {
                case "file" -> fromFolder(Path.of(index.toURI()).getParent());
                case "jar" -> fromJar((JarURLConnection) index.openConnection());
                default -> throw new IllegalStateException("cannot list " + index + ": the site must be in a folder or a jar");
            };
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the bundled console site", e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException("could not read the bundled console site at " + index, e);
        }
    }

    private static Map<String, byte[]> fromFolder(Path site) throws IOException {
        Map<String, byte[]> files = new LinkedHashMap<>();
        try (Stream<Path> paths = Files.walk(site)) {
            for (Path path : paths.filter(Files::isRegularFile).sorted().toList()) {
                files.put(site.relativize(path).toString().replace('\\', '/'), Files.readAllBytes(path));
            }
        }
        return files;
    }

    private static Map<String, byte[]> fromJar(JarURLConnection connection) throws IOException {
        connection.setUseCaches(false);
        Map<String, byte[]> files = new LinkedHashMap<>();
        try (JarFile jar = connection.getJarFile()) {
            for (Enumeration<JarEntry> entries = jar.entries(); entries.hasMoreElements(); ) {
                JarEntry entry = entries.nextElement();
                if (!entry.isDirectory() && entry.getName().startsWith(ConsoleFiles.ROOT)) {
                    try (InputStream in = jar.getInputStream(entry)) {
                        files.put(entry.getName().substring(ConsoleFiles.ROOT.length()), in.readAllBytes());
                    }
                }
            }
        }
        return files;
    }
}
