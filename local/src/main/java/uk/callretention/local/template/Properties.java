package uk.callretention.local.template;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * A resource's or a function event's properties, each resolved only when read: a property the local runtime ignores
 * (say a KMS key ARN) is never resolved, so it cannot fail for want of a resource that is not created locally.
 * Errors name the logical id, what it is and the property's path.
 */
public final class Properties {
    private final Intrinsics intrinsics;
    private final String logicalId;
    private final String what;
    private final String path;
    private final Map<String, Object> raw;

    /** @param what the resource's type, or which event of the function, for errors */
    public Properties(Intrinsics intrinsics, String logicalId, String what, String path, Map<String, Object> raw) {
        this.intrinsics = intrinsics;
        this.logicalId = logicalId;
        this.what = what;
        this.path = path;
        this.raw = raw;
    }

    public static Properties ofEvent(String functionLogicalId, String eventName, EventSource event, Intrinsics intrinsics) {
        return new Properties(intrinsics, functionLogicalId, event.type() + " event " + eventName, "Properties.Events." + eventName + ".Properties",
                event.properties());
    }

    public String logicalId() {
        return logicalId;
    }

    public Intrinsics intrinsics() {
        return intrinsics;
    }

    /** As written, intrinsics unresolved, or null when absent. */
    public Object raw(String name) {
        return raw.get(name);
    }

    /** An error for a person editing the template: the logical id, what it is, the path and the detail. */
    public IllegalArgumentException problem(String detail) {
        return new IllegalArgumentException(logicalId + " (" + what + ") " + path + ": " + detail);
    }

    /**
     * Fails on any property that is neither handled nor known to have no local meaning, so a template change
     * the local runtime would silently not reproduce is caught where it is made.
     */
    public Properties allow(Set<String> handled, Set<String> ignoredLocally, Class<?> supportedIn) {
        for (String name : raw.keySet()) {
            if (!handled.contains(name) && !ignoredLocally.contains(name)) {
                throw new UnsupportedTemplateException(logicalId + " (" + what + ") sets " + path + "." + name + ", which the local runtime does not"
                        + " reproduce; it supports " + sorted(handled) + (ignoredLocally.isEmpty() ? "" : " and ignores " + sorted(ignoredLocally)
                        + " (no local meaning)") + "; remove it or add support in " + supportedIn.getName());
            }
        }
        return this;
    }

    public boolean has(String name) {
        return resolved(name) != null;
    }

    /** The resolved value as it is (maps and lists of plain values), or null when absent. */
    public Object resolved(String name) {
        return raw.containsKey(name) ? intrinsics.resolve(raw.get(name), logicalId, path + "." + name) : null;
    }

    public Optional<String> string(String name) {
        return Optional.ofNullable(raw.containsKey(name) ? intrinsics.resolveString(raw.get(name), logicalId, path + "." + name) : null);
    }

    public String requiredString(String name) {
        return string(name).orElseThrow(() -> new IllegalArgumentException(logicalId + " (" + what + ") needs " + path + "." + name));
    }

    public Optional<Integer> integer(String name) {
        return string(name).map(Integer::valueOf);
    }

    public Optional<Boolean> flag(String name) {
        return string(name).map(Boolean::valueOf);
    }

    public List<String> strings(String name) {
        return list(name).stream().map(String::valueOf).toList();
    }

    public Optional<Properties> object(String name) {
        Object value = resolved(name);
        return value == null ? Optional.empty() : Optional.of(nested(path + "." + name, value));
    }

    public List<Properties> objects(String name) {
        List<?> list = list(name);
        List<Properties> items = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            items.add(nested(path + "." + name + "[" + i + "]", list.get(i)));
        }
        return items;
    }

    private List<?> list(String name) {
        Object value = resolved(name);
        if (value != null && !(value instanceof List<?>)) {
            throw problem(name + " should be a list but is " + value);
        }
        return value == null ? List.of() : (List<?>) value;
    }

    @SuppressWarnings("unchecked")
    private Properties nested(String nestedPath, Object value) {
        if (!(value instanceof Map<?, ?>)) {
            throw new IllegalArgumentException(logicalId + " (" + what + ") " + nestedPath + " should be a map but is " + value);
        }
        // Already resolved: resolving plain maps again gives them back unchanged.
        return new Properties(intrinsics, logicalId, what, nestedPath, (Map<String, Object>) value);
    }

    private static String sorted(Collection<String> names) {
        return String.join(", ", new TreeSet<>(names));
    }
}
