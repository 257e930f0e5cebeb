package uk.callretention.local.runtime.console;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import uk.callretention.console.site.ConsoleFiles;
import uk.callretention.local.runtime.Json;

/**
 * The staff console as the local runtime serves it on the API's port: the site the {@code console} module packages
 * under {@code console-site/} on the class path, plus {@code /config.json}, which a deployment writes and the
 * runtime makes up (same-origin API, local sign-in, the bundled councils). Every answer carries the security headers
 * CloudFront adds when deployed, with the local origins.
 */
public final class ConsoleSite {
    static final String ROOT = ConsoleFiles.ROOT;
    static final String CONFIG = "/config.json";
    private static final List<String> FOLDERS = List.of("/app/", "/govuk/", "/assets/");
    /** Every name the site uses; anything else (dot segments, encodings, back slashes, empty segments) is not a file of it. */
    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9._-]*");

    private final ClassLoader classPath;
    private final byte[] config;
    private final Map<String, String> headers;

    /**
     * @param recordings where the browser fetches recordings from by presigned link (the local S3 endpoint)
     */
    public ConsoleSite(ClassLoader classPath, List<LocalCouncil> councils, URI recordings) {
        this.classPath = classPath;
        this.config = Json.writePretty(config(councils)).getBytes(StandardCharsets.UTF_8);
        this.headers = securityHeaders(origin(recordings));
    }

    /** A path the console owns, whatever the method: no route of the API may take one (checked at start). */
    public static boolean owns(String rawPath) {
        return rawPath.equals("/") || rawPath.equals("/index.html") || rawPath.equals(CONFIG) || FOLDERS.stream().anyMatch(rawPath::startsWith);
    }

    /** One path in each of the console's places, for checking that no API route would take them. */
    public static List<String> samplePaths() {
        return List.of("/", "/index.html", CONFIG, "/app/main.js", "/govuk/govuk-frontend.min.js", "/assets/manifest.json");
    }

    /** @param rawPath as requested, not decoded: the site has no name that needs encoding */
    public Optional<File> file(String rawPath) {
        if (rawPath.equals(CONFIG)) {
            return Optional.of(new File("application/json", config));
        }
        String path = rawPath.equals("/") ? "/index.html" : rawPath;
        if (!owns(path)) {
            return Optional.empty();
        }
        List<String> segments = List.of(path.substring(1).split("/", -1));
        if (!segments.stream().allMatch(segment -> SEGMENT.matcher(segment).matches())) {
            return Optional.empty();
        }
        String name = segments.get(segments.size() - 1);
        Optional<String> contentType = ConsoleFiles.contentType(name);
        URL resource = classPath.getResource(ROOT + String.join("/", segments));
        if (contentType.isEmpty() || resource == null || isFolder(resource)) {
            return Optional.empty();
        }
        try (InputStream in = resource.openStream()) {
            return Optional.of(new File(contentType.get(), in.readAllBytes()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }

    /** Sent with every console answer, found or not. */
    public Map<String, String> headers() {
        return headers;
    }

    public record File(String contentType, byte[] bytes) {
    }

    /** A folder on a file class path (as in tests) opens as a listing of its files; in a jar it has no stream. */
    private static boolean isFolder(URL resource) {
        try {
            return resource.getProtocol().equals("file") && Files.isDirectory(Path.of(resource.toURI()));
        } catch (URISyntaxException e) {
            return true;
        }
    }

    private static Map<String, Object> config(List<LocalCouncil> councils) {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("apiUrl", "");
        config.put("signIn", "local");
        config.put("councils", councils.stream().map(council -> {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("council", council.council());
            entry.put("name", council.name());
            entry.put("teams", council.teams());
            return entry;
        }).toList());
        return config;
    }

    /**
     * The deployed policy with local origins: the API and the sign-in page are this origin ('self'); recordings
     * stream from the local S3 endpoint by presigned link. No HSTS: the local runtime speaks plain HTTP on loopback.
     */
    private static Map<String, String> securityHeaders(String recordings) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("content-security-policy", "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; font-src 'self';"
                + " manifest-src 'self'; connect-src 'self' " + recordings + "; media-src " + recordings + "; form-action 'self';"
                + " frame-ancestors 'none'; base-uri 'none'; object-src 'none'");
        headers.put("x-frame-options", "DENY");
        headers.put("referrer-policy", "no-referrer");
        headers.put("x-content-type-options", "nosniff");
        headers.put("cache-control", "no-cache");
        return Collections.unmodifiableMap(headers);
    }

    private static String origin(URI uri) {
        return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() == -1 ? "" : ":" + uri.getPort());
    }
}
