package uk.callretention.local.template;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Shape checks on raw template values, failing with the logical id and path of what is malformed. */
final class Values {
    private Values() {
    }

    static Map<String, Object> map(Object raw, String logicalId, String path) {
        if (!(raw instanceof Map<?, ?> map)) {
            throw malformed(raw, "a map", logicalId, path);
        }
        Map<String, Object> copy = new LinkedHashMap<>();
        map.forEach((key, value) -> copy.put(String.valueOf(key), value));
        return copy;
    }

    static List<Object> list(Object raw, String logicalId, String path) {
        if (!(raw instanceof List<?> list)) {
            throw malformed(raw, "a list", logicalId, path);
        }
        return list.stream().map(Object.class::cast).toList();
    }

    static String string(Object raw, String logicalId, String path) {
        if (raw instanceof String || raw instanceof Number || raw instanceof Boolean) {
            return String.valueOf(raw);
        }
        throw malformed(raw, "a single value", logicalId, path);
    }

    static String where(String logicalId, String path) {
        return path.isEmpty() ? logicalId : logicalId + "." + path;
    }

    private static IllegalArgumentException malformed(Object raw, String expected, String logicalId, String path) {
        return new IllegalArgumentException(where(logicalId, path) + " should be " + expected + " but is " + (raw == null ? "missing" : raw));
    }
}
