package uk.callretention.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BundledSiteTest {
    @TempDir
    Path folder;

    @Test
    void read_findsTheConsoleModulesSiteWithGovukFrontend() {
        Map<String, byte[]> site = BundledSite.read(getClass().getClassLoader());

        assertThat(site).containsKeys("index.html", "govuk/govuk-frontend.min.css", "govuk/govuk-frontend.min.js", "assets/manifest.json")
                .doesNotContainKey("config.json");
        assertThat(site.keySet()).noneMatch(key -> key.startsWith("/") || key.startsWith("console-site/") || key.endsWith("/"));
    }

    @Test
    void read_whenTheSiteIsInAJar_readsItsEntriesAsTheLocalRuntimeLoadsThem() throws IOException {
        Path jar = folder.resolve("function.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            entry(out, "console-site/index.html", "<!doctype html>");
            entry(out, "console-site/app/main.js", "export {};");
            entry(out, "uk/callretention/Other.class", "not the site");
        }

        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null)) {
            assertThat(BundledSite.read(loader)).containsOnlyKeys("index.html", "app/main.js")
                    .hasEntrySatisfying("app/main.js", body -> assertThat(new String(body, StandardCharsets.UTF_8)).isEqualTo("export {};"));
        }
    }

    private static void entry(JarOutputStream out, String name, String text) throws IOException {
        out.putNextEntry(new JarEntry(name));
        ((OutputStream) out).write(text.getBytes(StandardCharsets.UTF_8));
        out.closeEntry();
    }
}
