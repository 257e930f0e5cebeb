package uk.callretention.local.template;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds {@link FunctionDefinition}s the way SAM does: Globals.Function merged under each function's properties. */
final class Functions {
    static final String SERVERLESS_FUNCTION = "AWS::Serverless::Function";
    // SAM's defaults when neither the function nor Globals sets them.
    private static final int DEFAULT_TIMEOUT_SECONDS = 3;
    private static final int DEFAULT_MEMORY_MB = 128;

    private Functions() {
    }

    static Map<String, FunctionDefinition> from(Path templateDirectory, Map<String, Object> globals, Collection<Resource> resources) {
        Map<String, FunctionDefinition> functions = new LinkedHashMap<>();
        for (Resource resource : resources) {
            if (resource.type().equals(SERVERLESS_FUNCTION)) {
                functions.put(resource.logicalId(), define(templateDirectory, resource.logicalId(), Values.map(merge(globals, resource.properties()), resource.logicalId(), "Properties")));
            }
        }
        return Collections.unmodifiableMap(functions);
    }

    private static FunctionDefinition define(Path templateDirectory, String logicalId, Map<String, Object> properties) {
        if (properties.containsKey("InlineCode") || "Image".equals(properties.get("PackageType"))) {
            throw new UnsupportedTemplateException(logicalId + " uses InlineCode or PackageType: Image; the local runtime supports a CodeUri naming a jar"
                    + " or folder; use one or add support in " + Functions.class.getName());
        }
        Map<String, Object> environment = properties.containsKey("Environment")
                ? Values.map(Values.map(properties.get("Environment"), logicalId, "Properties.Environment").getOrDefault("Variables", Map.of()), logicalId, "Properties.Environment.Variables")
                : Map.of();
        Map<String, EventSource> events = new LinkedHashMap<>();
        Values.map(properties.getOrDefault("Events", Map.of()), logicalId, "Properties.Events").forEach((name, body) -> {
            Map<String, Object> event = Values.map(body, logicalId, "Properties.Events." + name);
            events.put(name, new EventSource(Values.string(event.get("Type"), logicalId, "Properties.Events." + name + ".Type"),
                    Collections.unmodifiableMap(Values.map(event.getOrDefault("Properties", Map.of()), logicalId, "Properties.Events." + name + ".Properties"))));
        });
        return new FunctionDefinition(logicalId,
                templateDirectory.resolve(literal(properties, "CodeUri", logicalId)).normalize(),
                literal(properties, "Handler", logicalId),
                properties.containsKey("Timeout") ? Integer.parseInt(literal(properties, "Timeout", logicalId)) : DEFAULT_TIMEOUT_SECONDS,
                properties.containsKey("MemorySize") ? Integer.parseInt(literal(properties, "MemorySize", logicalId)) : DEFAULT_MEMORY_MB,
                Collections.unmodifiableMap(environment), Collections.unmodifiableMap(events));
    }

    /** What the runtime needs before any resource exists (where the code is, how long it may run) must be written literally. */
    private static String literal(Map<String, Object> properties, String name, String logicalId) {
        Object value = properties.get(name);
        if (value instanceof Map<?, ?> || value instanceof List<?>) {
            throw new UnsupportedTemplateException(logicalId + ".Properties." + name + " is " + value + "; the local runtime supports a literal value"
                    + " for a function's " + name + "; write one (in the function or in Globals.Function) or add support in " + Functions.class.getName());
        }
        return Values.string(value, logicalId, "Properties." + name);
    }

    /** SAM's Globals rules: maps merge key by key, lists add up (Globals' first), anything else (and any intrinsic) the function's wins. */
    static Object merge(Object global, Object local) {
        if (global == null) {
            return local;
        }
        if (local == null) {
            return global;
        }
        if (global instanceof Map<?, ?> globalMap && local instanceof Map<?, ?> localMap && !isIntrinsic(globalMap) && !isIntrinsic(localMap)) {
            Map<Object, Object> merged = new LinkedHashMap<>(globalMap);
            localMap.forEach((key, value) -> merged.put(key, merge(globalMap.get(key), value)));
            return merged;
        }
        if (global instanceof List<?> globalList && local instanceof List<?> localList) {
            List<Object> merged = new ArrayList<>(globalList);
            merged.addAll(localList);
            return merged;
        }
        return local;
    }

    private static boolean isIntrinsic(Map<?, ?> map) {
        if (map.size() != 1) {
            return false;
        }
        String key = String.valueOf(map.keySet().iterator().next());
        return key.equals("Ref") || key.startsWith("Fn::");
    }
}
