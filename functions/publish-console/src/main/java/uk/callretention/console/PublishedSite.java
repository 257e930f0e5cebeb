package uk.callretention.console;

import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import uk.callretention.console.site.ConsoleFiles;

/**
 * What is published for one stack: every file of the console's bundled site, with the type and caching S3 is to serve
 * it with, and a config.json made from the custom resource's properties (the API's URL and how staff sign in).
 *
 * <p>index.html and config.json are served {@code no-cache}, so a deploy shows at once; the other files' names carry
 * no content hash, so their caches last only five minutes.
 *
 * <p>index.html gets a second Content-Security-Policy, in a meta element, naming the exact origins the page connects to.
 * The distribution's header policy can name only the region's execute-api hosts (naming this API there would be a
 * circular dependency: see ConsoleSecurityHeaders in template.yaml); a browser enforces both policies, so connections
 * are allowed only to this stack's API, its sign-in host and its recordings bucket.
 */
final class PublishedSite {
    static final String CONFIG_KEY = "config.json";
    static final String ALWAYS_REVALIDATE = "no-cache";
    static final String SHORT_LIVED = "max-age=300";
    /** The properties CloudFormation sends; any other is a mistake in the template, refused rather than ignored. */
    static final Set<String> PROPERTIES = Set.of("ServiceToken", "Bucket", "SiteVersion", "ApiUrl", "ClientId", "Scope",
            "AuthorizationEndpoint", "TokenEndpoint", "LogoutEndpoint", "Issuer", "RecordingsOrigin");
    static final String INDEX_KEY = "index.html";
    private static final Pattern HEAD = Pattern.compile("<head(\\s[^>]*)?>", Pattern.CASE_INSENSITIVE);
    private static final Set<String> ALWAYS_FRESH = Set.of(INDEX_KEY, CONFIG_KEY);

    private final Map<String, byte[]> bundled;

    /** @param bundled the site's files by their path under console-site/, which is their key in the bucket */
    PublishedSite(Map<String, byte[]> bundled) {
        if (!bundled.containsKey(INDEX_KEY)) {
            throw new IllegalStateException("the bundled console site has no index.html; is the console module's jar in this function's jar?");
        }
        if (bundled.containsKey(CONFIG_KEY)) {
            throw new IllegalStateException("the bundled console site has its own config.json; the publisher writes it for each stack");
        }
        this.bundled = Map.copyOf(bundled);
    }

    /** @throws IllegalArgumentException naming the property or file, when a property is missing or wrong or a file's type is unknown */
    List<SiteFile> files(Map<String, ?> properties) {
        byte[] config = config(properties);
        byte[] index = withConnectPolicy(bundled.get(INDEX_KEY), connectSources(properties));
        List<SiteFile> files = new ArrayList<>();
        new TreeSet<>(bundled.keySet()).forEach(key -> files.add(new SiteFile(key, key.equals(INDEX_KEY) ? index : bundled.get(key),
                contentType(key), cacheControl(key))));
        files.add(new SiteFile(CONFIG_KEY, config, contentType(CONFIG_KEY), cacheControl(CONFIG_KEY)));
        return List.copyOf(files);
    }

    /** The bucket the properties name. */
    static String bucket(Map<String, ?> properties) {
        return required(properties, "Bucket");
    }

    static byte[] config(Map<String, ?> properties) {
        properties.keySet().stream().filter(name -> !PROPERTIES.contains(name)).findFirst().ifPresent(name -> {
            throw new IllegalArgumentException("ConsoleSite has an unknown property " + name + "; it takes " + new TreeSet<>(PROPERTIES));
        });
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("apiUrl", https("ApiUrl", required(properties, "ApiUrl")).replaceAll("/+$", ""));
        config.put("signIn", "oidc");
        config.put("clientId", required(properties, "ClientId"));
        String scope = required(properties, "Scope");
        if (!List.of(scope.split(" ")).contains("openid")) {
            throw new IllegalArgumentException("ConsoleSite's Scope is \"" + scope + "\"; it must include openid");
        }
        config.put("scope", scope);
        String authorization = optional(properties, "AuthorizationEndpoint");
        String token = optional(properties, "TokenEndpoint");
        String issuer = optional(properties, "Issuer");
        if (authorization != null || token != null) {
            if (authorization == null || token == null) {
                throw new IllegalArgumentException("ConsoleSite needs both AuthorizationEndpoint and TokenEndpoint, or neither and Issuer");
            }
            config.put("authorizationEndpoint", https("AuthorizationEndpoint", authorization));
            config.put("tokenEndpoint", https("TokenEndpoint", token));
            String logout = optional(properties, "LogoutEndpoint");
            if (logout != null) {
                config.put("logoutEndpoint", https("LogoutEndpoint", logout));
            }
        } else if (issuer == null) {
            throw new IllegalArgumentException("ConsoleSite needs AuthorizationEndpoint and TokenEndpoint, or Issuer (whose discovery document names them)");
        }
        if (issuer != null) {
            config.put("issuer", https("Issuer", issuer));
        }
        try {
            return JSON.std.asString(config).getBytes(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Where the page may connect: itself, the API, the sign-in host (token endpoint, or the issuer's), the recordings bucket. */
    static List<String> connectSources(Map<String, ?> properties) {
        Set<String> sources = new LinkedHashSet<>();
        sources.add("'self'");
        sources.add(origin("ApiUrl", required(properties, "ApiUrl")));
        String token = optional(properties, "TokenEndpoint");
        sources.add(token != null ? origin("TokenEndpoint", token) : origin("Issuer", required(properties, "Issuer")));
        String recordings = required(properties, "RecordingsOrigin");
        if (!origin("RecordingsOrigin", recordings).equals(recordings)) {
            throw new IllegalArgumentException("ConsoleSite's RecordingsOrigin must be an origin alone (https://host), not " + recordings);
        }
        sources.add(recordings);
        return List.copyOf(sources);
    }

    /** The page with a policy narrowing its connections, first in its head so that it applies before anything loads. */
    static byte[] withConnectPolicy(byte[] index, List<String> sources) {
        String html = new String(index, StandardCharsets.UTF_8);
        Matcher head = HEAD.matcher(html);
        if (!head.find()) {
            throw new IllegalStateException("the bundled index.html has no <head>, where the publisher puts the page's connect-src policy");
        }
        String meta = "\n  <meta http-equiv=\"Content-Security-Policy\" content=\"connect-src " + String.join(" ", sources)
                .replace("&", "&amp;").replace("\"", "&quot;").replace("<", "&lt;").replace(">", "&gt;") + "\">";
        return (html.substring(0, head.end()) + meta + html.substring(head.end())).getBytes(StandardCharsets.UTF_8);
    }

    static String contentType(String key) {
        return ConsoleFiles.contentType(key).orElseThrow(() -> new IllegalArgumentException(
                "no content type is known for " + key + "; add its extension to " + ConsoleFiles.class.getName()));
    }

    static String cacheControl(String key) {
        return ALWAYS_FRESH.contains(key) ? ALWAYS_REVALIDATE : SHORT_LIVED;
    }

    private static String required(Map<String, ?> properties, String name) {
        String value = optional(properties, name);
        if (value == null) {
            throw new IllegalArgumentException("ConsoleSite needs the property " + name);
        }
        return value;
    }

    private static String optional(Map<String, ?> properties, String name) {
        Object value = properties.get(name);
        return value == null || String.valueOf(value).isBlank() ? null : String.valueOf(value).trim();
    }

    private static String origin(String name, String value) {
        URI uri = URI.create(https(name, value));
        return "https://" + uri.getHost() + (uri.getPort() == -1 ? "" : ":" + uri.getPort());
    }

    private static String https(String name, String value) {
        URI uri;
        try {
            uri = URI.create(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("ConsoleSite's " + name + " is not a URL: " + value);
        }
        if (!"https".equals(uri.getScheme()) || uri.getHost() == null) {
            throw new IllegalArgumentException("ConsoleSite's " + name + " must be an https URL with a host, not " + value);
        }
        return value;
    }
}
