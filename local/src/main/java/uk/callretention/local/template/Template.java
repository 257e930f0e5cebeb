package uk.callretention.local.template;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A SAM/CloudFormation template as written: sections by name, intrinsics unresolved (see {@link Intrinsics}). */
public final class Template {
    private final Path directory;
    private final Map<String, Parameter> parameters;
    private final Map<String, Object> conditions;
    private final Map<String, Resource> resources;
    private final Map<String, String> resourceConditions;
    private final Map<String, FunctionDefinition> functions;

    private Template(Path directory, Map<String, Object> document) {
        this.directory = directory;
        this.parameters = parseParameters(section(document, "Parameters"));
        this.conditions = section(document, "Conditions");
        Map<String, Resource> parsedResources = new LinkedHashMap<>();
        Map<String, String> parsedConditions = new LinkedHashMap<>();
        section(document, "Resources").forEach((logicalId, body) -> {
            Map<String, Object> resource = Values.map(body, logicalId, "");
            parsedResources.put(logicalId, new Resource(logicalId, Values.string(resource.get("Type"), logicalId, "Type"),
                    resource.get("Properties") == null ? Map.of() : Collections.unmodifiableMap(Values.map(resource.get("Properties"), logicalId, "Properties")),
                    dependsOn(resource.get("DependsOn"), logicalId)));
            if (resource.get("Condition") != null) {
                parsedConditions.put(logicalId, Values.string(resource.get("Condition"), logicalId, "Condition"));
            }
        });
        this.resources = Collections.unmodifiableMap(parsedResources);
        this.resourceConditions = Collections.unmodifiableMap(parsedConditions);
        Map<String, Object> globalsOfFunctions = Values.map(section(document, "Globals").getOrDefault("Function", Map.of()), "Globals", "Function");
        this.functions = Functions.from(directory, globalsOfFunctions, resources.values());
    }

    /** Reads a template; the short-form tags (!Ref, !Sub...) come back in their long form ({"Ref": ...}). */
    public static Template load(Path file) {
        try {
            Object document = CloudFormationYaml.parse(Files.readString(file));
            return new Template(file.toAbsolutePath().getParent(), Values.map(document, file.toString(), ""));
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the template " + file, e);
        }
    }

    /** The folder the template is in: SAM resolves CodeUri against it. */
    public Path directory() {
        return directory;
    }

    public Map<String, Parameter> parameters() {
        return parameters;
    }

    public Map<String, Object> conditions() {
        return conditions;
    }

    /** Logical id to resource, in template order. */
    public Map<String, Resource> resources() {
        return resources;
    }

    /** The name of the condition a resource is created under, if its {@code Condition} attribute names one. */
    public Optional<String> conditionOf(String logicalId) {
        return Optional.ofNullable(resourceConditions.get(logicalId));
    }

    /** Each AWS::Serverless::Function merged with Globals.Function, by logical id, in template order. */
    public Map<String, FunctionDefinition> functions() {
        return functions;
    }

    private static Map<String, Object> section(Map<String, Object> document, String name) {
        return Collections.unmodifiableMap(Values.map(document.getOrDefault(name, Map.of()), name, ""));
    }

    private static Map<String, Parameter> parseParameters(Map<String, Object> section) {
        Map<String, Parameter> parsed = new LinkedHashMap<>();
        section.forEach((name, body) -> {
            Map<String, Object> parameter = Values.map(body, name, "");
            Object defaultValue = parameter.get("Default");
            List<String> allowed = Values.list(parameter.getOrDefault("AllowedValues", List.of()), name, "AllowedValues")
                    .stream().map(String::valueOf).toList();
            parsed.put(name, new Parameter(name, defaultValue == null ? null : String.valueOf(defaultValue), allowed));
        });
        return Collections.unmodifiableMap(parsed);
    }

    private static List<String> dependsOn(Object raw, String logicalId) {
        if (raw == null) {
            return List.of();
        }
        if (raw instanceof String single) {
            return List.of(single);
        }
        return Values.list(raw, logicalId, "DependsOn").stream().map(String::valueOf).toList();
    }
}
