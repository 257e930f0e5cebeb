package uk.callretention.local.aws;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import uk.callretention.local.template.Intrinsics;
import uk.callretention.local.template.UnsupportedTemplateException;

/**
 * A resource's properties, each resolved only when read: a property the local runtime ignores (say a KMS key
 * ARN) is never resolved, so it cannot fail for want of a resource that is not created locally.
 */
final class ResourceProperties {
    private final Intrinsics intrinsics;
    private final String logicalId;
    private final String type;
    private final String path;
    private final Map<String, Object> raw;

    ResourceProperties(Intrinsics intrinsics, String logicalId, String type, String path, Map<String, Object> raw) {
        this.intrinsics = intrinsics;
        this.logicalId = logicalId;
        this.type = type;
        this.path = path;
        this.raw = raw;
    }

    String logicalId() {
        return logicalId;
    }

    /**
     * Fails on any property that is neither handled nor known to have no local meaning, so a template change
     * the local runtime would silently not reproduce is caught where it is made.
     */
    ResourceProperties allow(Set<String> handled, Set<String> ignoredLocally, Class<?> supportedIn) {
        for (String name : raw.keySet()) {
            if (!handled.contains(name) && !ignoredLocally.contains(name)) {
                throw new UnsupportedTemplateException(logicalId + " (" + type + ") sets " + path + "." + name + ", which the local runtime does not"
                        + " reproduce; it supports " + sorted(handled) + (ignoredLocally.isEmpty() ? "" : " and ignores " + sorted(ignoredLocally)
                        + " (no local meaning)") + "; remove it or add support in " + supportedIn.getName());
            }
        }
        return this;
    }

    boolean has(String name) {
        return resolved(name) != null;
    }

    /** The resolved value as it is (maps and lists of plain values), or null when absent. */
    Object resolved(String name) {
        return raw.containsKey(name) ? intrinsics.resolve(raw.get(name), logicalId, path + "." + name) : null;
    }

    Optional<String> string(String name) {
        return Optional.ofNullable(raw.containsKey(name) ? intrinsics.resolveString(raw.get(name), logicalId, path + "." + name) : null);
    }

    String requiredString(String name) {
        return string(name).orElseThrow(() -> new IllegalArgumentException(logicalId + " (" + type + ") needs " + path + "." + name));
    }

    Optional<Integer> integer(String name) {
        return string(name).map(Integer::valueOf);
    }

    Optional<Boolean> flag(String name) {
        return string(name).map(Boolean::valueOf);
    }

    List<String> strings(String name) {
        Object value = resolved(name);
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> list)) {
            throw new IllegalArgumentException(logicalId + " (" + type + ") " + path + "." + name + " should be a list but is " + value);
        }
        return list.stream().map(String::valueOf).toList();
    }

    Optional<ResourceProperties> object(String name) {
        Object value = resolved(name);
        return value == null ? Optional.empty() : Optional.of(nested(path + "." + name, value));
    }

    List<ResourceProperties> objects(String name) {
        Object value = resolved(name);
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> list)) {
            throw new IllegalArgumentException(logicalId + " (" + type + ") " + path + "." + name + " should be a list but is " + value);
        }
        List<ResourceProperties> items = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            items.add(nested(path + "." + name + "[" + i + "]", list.get(i)));
        }
        return items;
    }

    @SuppressWarnings("unchecked")
    private ResourceProperties nested(String nestedPath, Object value) {
        if (!(value instanceof Map<?, ?>)) {
            throw new IllegalArgumentException(logicalId + " (" + type + ") " + nestedPath + " should be a map but is " + value);
        }
        // Already resolved: resolving plain maps again gives them back unchanged.
        return new ResourceProperties(intrinsics, logicalId, type, nestedPath, (Map<String, Object>) value);
    }

    private static String sorted(Collection<String> names) {
        return String.join(", ", new TreeSet<>(names));
    }
}
