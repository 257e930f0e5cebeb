package uk.callretention.local.aws;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import uk.callretention.local.template.Resource;

/**
 * Orders resources as CloudFormation does: after everything they name in DependsOn or reference through
 * Ref, Fn::GetAtt or Fn::Sub; otherwise in template order.
 */
final class CreationOrder {
    private static final Pattern SUB_VARIABLE = Pattern.compile("\\$\\{([^!}][^}]*)}");

    private CreationOrder() {
    }

    static List<Resource> of(Map<String, Resource> resources) {
        Map<String, Set<String>> dependencies = new LinkedHashMap<>();
        resources.values().forEach(resource -> {
            Set<String> names = new LinkedHashSet<>(resource.dependsOn());
            collectReferences(resource.properties(), names);
            names.retainAll(resources.keySet());
            dependencies.put(resource.logicalId(), names);
        });
        List<Resource> ordered = new ArrayList<>();
        Set<String> done = new LinkedHashSet<>();
        for (String logicalId : resources.keySet()) {
            visit(logicalId, resources, dependencies, done, new LinkedHashSet<>(), ordered);
        }
        return ordered;
    }

    private static void visit(String logicalId, Map<String, Resource> resources, Map<String, Set<String>> dependencies,
                              Set<String> done, Set<String> path, List<Resource> ordered) {
        if (done.contains(logicalId)) {
            return;
        }
        if (!path.add(logicalId)) {
            throw new IllegalArgumentException("the template's resources depend on each other in a circle: " + String.join(" -> ", path) + " -> " + logicalId);
        }
        for (String dependency : dependencies.get(logicalId)) {
            visit(dependency, resources, dependencies, done, path, ordered);
        }
        path.remove(logicalId);
        done.add(logicalId);
        ordered.add(resources.get(logicalId));
    }

    private static void collectReferences(Object raw, Set<String> names) {
        if (raw instanceof Map<?, ?> map) {
            map.forEach((key, value) -> {
                if ("Ref".equals(key) && value instanceof String name) {
                    names.add(name);
                } else if ("Fn::GetAtt".equals(key) && value instanceof List<?> parts && !parts.isEmpty()) {
                    names.add(String.valueOf(parts.get(0)));
                } else if ("Fn::Sub".equals(key)) {
                    Object text = value instanceof List<?> form && !form.isEmpty() ? form.get(0) : value;
                    if (text instanceof String template) {
                        Matcher matcher = SUB_VARIABLE.matcher(template);
                        while (matcher.find()) {
                            names.add(matcher.group(1).trim().split("\\.", 2)[0]);
                        }
                    }
                }
                collectReferences(value, names);
            });
        } else if (raw instanceof List<?> list) {
            list.forEach(item -> collectReferences(item, names));
        }
    }
}
