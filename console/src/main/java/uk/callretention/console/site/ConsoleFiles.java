package uk.callretention.console.site;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The console's bundled files as whoever serves them needs to know them, the local runtime and the deployed publisher
 * alike: the folder on the class path that holds them, and the type each is served with. Only the types the site has
 * are known, so a file of any other type is never served under a guessed one (the site is sent with nosniff).
 */
public final class ConsoleFiles {
    /** Where the console module packages the site on the class path; a file's path under it is its path on the site. */
    public static final String ROOT = "console-site/";
    private static final Map<String, String> CONTENT_TYPES = Map.ofEntries(
            Map.entry("html", "text/html; charset=utf-8"),
            Map.entry("js", "text/javascript; charset=utf-8"),
            Map.entry("mjs", "text/javascript; charset=utf-8"),
            Map.entry("css", "text/css; charset=utf-8"),
            Map.entry("json", "application/json"),
            Map.entry("txt", "text/plain; charset=utf-8"),
            Map.entry("svg", "image/svg+xml"),
            Map.entry("png", "image/png"),
            Map.entry("ico", "image/x-icon"),
            Map.entry("woff", "font/woff"),
            Map.entry("woff2", "font/woff2"));

    private ConsoleFiles() {
    }

    /** @param path a file's path on the site; its last segment's extension decides */
    public static Optional<String> contentType(String path) {
        String name = path.substring(path.lastIndexOf('/') + 1);
        int dot = name.lastIndexOf('.');
        return dot < 0 ? Optional.empty() : Optional.ofNullable(CONTENT_TYPES.get(name.substring(dot + 1).toLowerCase(Locale.ROOT)));
    }
}
