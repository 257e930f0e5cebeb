package uk.callretention.local.template;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Resolves raw template values: parameters (overrides, then defaults), pseudo parameters, the Ref and
 * GetAtt values of created resources, conditions, and the intrinsic functions listed in {@link #SUPPORTED}.
 * Anything else fails with an {@link UnsupportedTemplateException} naming it and where it appears, rather
 * than running locally with a value the deployed stack would not have.
 */
public final class Intrinsics {
    /** The ones the template uses; each other one is refused by name. */
    public static final List<String> SUPPORTED = List.of("Ref", "Fn::Sub", "Fn::GetAtt", "Fn::If", "Fn::Equals", "Fn::Not",
            "Fn::Select", "Fn::Join", "Fn::Split");
    private static final Pattern SUB_VARIABLE = Pattern.compile("\\$\\{([^}]*)}");
    /** AWS::NoValue: removes the key or list element it is the value of. */
    private static final Object NO_VALUE = new Object();

    private final Template template;
    private final PseudoParameters pseudo;
    private final Map<String, String> parameterValues;
    private final ResourceAttributes attributes;
    // Concurrent because the runtime resolves from several threads; get-then-put, as a condition may name another.
    private final Map<String, Boolean> conditions = new ConcurrentHashMap<>();

    /** @throws IllegalArgumentException when an override names no parameter, breaks AllowedValues, or a parameter has no value */
    public Intrinsics(Template template, PseudoParameters pseudo, Map<String, String> parameterOverrides, ResourceAttributes attributes) {
        this.template = template;
        this.pseudo = pseudo;
        this.attributes = attributes;
        this.parameterValues = Collections.unmodifiableMap(parameterValues(template, parameterOverrides));
    }

    private static Map<String, String> parameterValues(Template template, Map<String, String> overrides) {
        overrides.keySet().stream().filter(name -> !template.parameters().containsKey(name)).findFirst().ifPresent(name -> {
            throw new IllegalArgumentException("parameter override " + name + " names no parameter of the template; its parameters are " + template.parameters().keySet());
        });
        Map<String, String> values = new LinkedHashMap<>();
        template.parameters().forEach((name, parameter) -> {
            String value = overrides.getOrDefault(name, parameter.defaultValue());
            if (value == null) {
                throw new IllegalArgumentException("parameter " + name + " has no Default: give it a value");
            }
            if (!parameter.allowedValues().isEmpty() && !parameter.allowedValues().contains(value)) {
                throw new IllegalArgumentException("parameter " + name + " is " + value + " but must be one of " + parameter.allowedValues());
            }
            values.put(name, value);
        });
        return values;
    }

    /** Parameter name to the value in force: the override if given, else the default. */
    public Map<String, String> parameterValues() {
        return parameterValues;
    }

    public PseudoParameters pseudo() {
        return pseudo;
    }

    /**
     * @param logicalId the resource (or section) the value belongs to, and
     * @param path      where in it, e.g. {@code Properties.Environment.Variables.TABLE}: both only name the place in errors
     * @return maps and lists with every intrinsic replaced by its value; null when the value is AWS::NoValue
     */
    public Object resolve(Object raw, String logicalId, String path) {
        Object value = eval(raw, logicalId, path);
        return value == NO_VALUE ? null : value;
    }

    /** {@link #resolve} for a value that must be a single string (numbers and booleans as written). */
    public String resolveString(Object raw, String logicalId, String path) {
        Object value = resolve(raw, logicalId, path);
        return value == null ? null : scalar(value, logicalId, path);
    }

    /** The named condition from the template's Conditions section. */
    public boolean condition(String name) {
        Boolean known = conditions.get(name);
        if (known == null) {
            if (!template.conditions().containsKey(name)) {
                throw new IllegalArgumentException("condition " + name + " is not declared in Conditions; declared: " + template.conditions().keySet());
            }
            known = bool(template.conditions().get(name), "Conditions", name);
            conditions.put(name, known);
        }
        return known;
    }

    /** Whether a resource exists in this stack: it has no Condition attribute, or its condition holds. */
    public boolean includes(String logicalId) {
        return template.conditionOf(logicalId).map(this::condition).orElse(true);
    }

    private Object eval(Object raw, String logicalId, String path) {
        if (raw instanceof Map<?, ?> map) {
            if (map.size() == 1) {
                String key = String.valueOf(map.keySet().iterator().next());
                if (key.equals("Ref") || key.startsWith("Fn::")) {
                    return function(key, map.get(key), logicalId, path.isEmpty() ? key : path + "." + key);
                }
            }
            Map<String, Object> resolved = new LinkedHashMap<>();
            map.forEach((key, value) -> {
                Object item = eval(value, logicalId, path.isEmpty() ? String.valueOf(key) : path + "." + key);
                if (item != NO_VALUE) {
                    resolved.put(String.valueOf(key), item);
                }
            });
            return resolved;
        }
        if (raw instanceof List<?> list) {
            List<Object> resolved = new ArrayList<>();
            for (int i = 0; i < list.size(); i++) {
                Object item = eval(list.get(i), logicalId, path + "[" + i + "]");
                if (item != NO_VALUE) {
                    resolved.add(item);
                }
            }
            return resolved;
        }
        return raw;
    }

    private Object function(String name, Object argument, String logicalId, String path) {
        return switch (name) {
            case "Ref" -> ref(scalar(eval(argument, logicalId, path), logicalId, path), logicalId, path);
            case "Fn::GetAtt" -> getAtt(argument, logicalId, path);
            case "Fn::Sub" -> sub(argument, logicalId, path);
            case "Fn::If" -> {
                List<Object> args = arguments(argument, 3, name, logicalId, path);
                yield condition(scalar(args.get(0), logicalId, path)) ? eval(args.get(1), logicalId, path) : eval(args.get(2), logicalId, path);
            }
            case "Fn::Equals", "Fn::Not" -> bool(Map.of(name, argument), logicalId, path);
            case "Fn::Select" -> {
                List<Object> args = arguments(argument, 2, name, logicalId, path);
                List<Object> from = listOf(eval(args.get(1), logicalId, path), logicalId, path);
                yield from.get(Integer.parseInt(scalar(eval(args.get(0), logicalId, path), logicalId, path)));
            }
            case "Fn::Join" -> {
                List<Object> args = arguments(argument, 2, name, logicalId, path);
                String delimiter = scalar(args.get(0), logicalId, path);
                yield String.join(delimiter, listOf(eval(args.get(1), logicalId, path), logicalId, path).stream().map(item -> scalar(item, logicalId, path)).toList());
            }
            case "Fn::Split" -> {
                List<Object> args = arguments(argument, 2, name, logicalId, path);
                String source = scalar(eval(args.get(1), logicalId, path), logicalId, path);
                yield List.of(source.split(Pattern.quote(scalar(args.get(0), logicalId, path)), -1));
            }
            default -> throw unsupported(name, logicalId, path);
        };
    }

    private Object ref(String name, String logicalId, String path) {
        if (parameterValues.containsKey(name)) {
            return parameterValues.get(name);
        }
        if (name.startsWith("AWS::")) {
            return pseudoParameter(name, logicalId, path);
        }
        if (!template.resources().containsKey(name)) {
            throw new IllegalArgumentException("Ref " + name + " at " + Values.where(logicalId, path) + " names no parameter or resource of the template");
        }
        String value = attributes.ref(name);
        if (value == null) {
            throw missingAttribute("Ref " + name, name, logicalId, path);
        }
        return value;
    }

    private Object pseudoParameter(String name, String logicalId, String path) {
        return switch (name) {
            case "AWS::Region" -> pseudo.region();
            case "AWS::AccountId" -> pseudo.accountId();
            case "AWS::StackName" -> pseudo.stackName();
            case "AWS::Partition" -> "aws";
            case "AWS::URLSuffix" -> "amazonaws.com";
            case "AWS::NoValue" -> NO_VALUE;
            default -> throw new UnsupportedTemplateException("Ref " + name + " at " + Values.where(logicalId, path) + " is not a pseudo parameter the"
                    + " local runtime knows; it supports AWS::Region, AWS::AccountId, AWS::StackName, AWS::Partition, AWS::URLSuffix and"
                    + " AWS::NoValue; use one of those or add support in " + Intrinsics.class.getName());
        };
    }

    private String getAtt(Object argument, String logicalId, String path) {
        List<Object> parts = listOf(argument, logicalId, path);
        if (parts.size() != 2) {
            throw new IllegalArgumentException("Fn::GetAtt at " + Values.where(logicalId, path) + " should be [LogicalId, Attribute] but is " + argument);
        }
        return attribute(scalar(parts.get(0), logicalId, path), scalar(parts.get(1), logicalId, path), logicalId, path);
    }

    private String attribute(String resource, String attribute, String logicalId, String path) {
        if (!template.resources().containsKey(resource)) {
            throw new IllegalArgumentException("Fn::GetAtt " + resource + "." + attribute + " at " + Values.where(logicalId, path) + " names no resource of the template");
        }
        String value = attributes.getAtt(resource, attribute);
        if (value == null) {
            throw missingAttribute("Fn::GetAtt " + resource + "." + attribute, resource, logicalId, path);
        }
        return value;
    }

    private String sub(Object argument, String logicalId, String path) {
        String text;
        Map<String, Object> variables = Map.of();
        if (argument instanceof List<?>) {
            List<Object> args = arguments(argument, 2, "Fn::Sub", logicalId, path);
            text = scalar(args.get(0), logicalId, path);
            variables = Values.map(eval(args.get(1), logicalId, path), logicalId, path);
        } else {
            text = scalar(argument, logicalId, path);
        }
        Matcher matcher = SUB_VARIABLE.matcher(text);
        StringBuilder result = new StringBuilder();
        while (matcher.find()) {
            String name = matcher.group(1).trim();
            String value;
            if (name.startsWith("!")) {
                value = "${" + name.substring(1) + "}";
            } else if (variables.containsKey(name)) {
                value = scalar(variables.get(name), logicalId, path);
            } else if (name.contains(".") && !name.startsWith("AWS::")) {
                String[] parts = name.split("\\.", 2);
                value = attribute(parts[0], parts[1], logicalId, path);
            } else {
                value = scalar(ref(name, logicalId, path), logicalId, path);
            }
            matcher.appendReplacement(result, Matcher.quoteReplacement(value));
        }
        matcher.appendTail(result);
        return result.toString();
    }

    private boolean bool(Object raw, String logicalId, String path) {
        if (raw instanceof Map<?, ?> map && map.size() == 1) {
            String name = String.valueOf(map.keySet().iterator().next());
            Object argument = map.get(name);
            switch (name) {
                case "Condition":
                    return condition(scalar(argument, logicalId, path));
                case "Fn::Equals": {
                    List<Object> args = arguments(argument, 2, name, logicalId, path);
                    return scalar(eval(args.get(0), logicalId, path), logicalId, path).equals(scalar(eval(args.get(1), logicalId, path), logicalId, path));
                }
                case "Fn::Not":
                    return !bool(arguments(argument, 1, name, logicalId, path).get(0), logicalId, path);
                default:
                    break;
            }
        }
        return Boolean.parseBoolean(scalar(eval(raw, logicalId, path), logicalId, path));
    }

    private UnsupportedTemplateException unsupported(String name, String logicalId, String path) {
        return new UnsupportedTemplateException(name + " at " + Values.where(logicalId, path) + " is not supported locally; the local runtime supports "
                + String.join(", ", SUPPORTED) + "; use one of those or add support in " + Intrinsics.class.getName());
    }

    private UnsupportedTemplateException missingAttribute(String what, String resource, String logicalId, String path) {
        return new UnsupportedTemplateException(what + " at " + Values.where(logicalId, path) + " has no local value: " + resource + " is "
                + template.resources().get(resource).type() + " and the local runtime supports " + attributes.supported()
                + "; use one of those or add support in " + attributes.getClass().getName());
    }

    private static List<Object> arguments(Object argument, int count, String name, String logicalId, String path) {
        List<Object> args = listOf(argument, logicalId, path);
        if (args.size() != count) {
            throw new IllegalArgumentException(name + " at " + Values.where(logicalId, path) + " takes " + count + " arguments but has " + args);
        }
        return args;
    }

    private static List<Object> listOf(Object value, String logicalId, String path) {
        return Values.list(value, logicalId, path);
    }

    private static String scalar(Object value, String logicalId, String path) {
        return Values.string(value, logicalId, path);
    }
}
