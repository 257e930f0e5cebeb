package uk.callretention.local.runtime;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import uk.callretention.local.template.EventSource;
import uk.callretention.local.template.Intrinsics;

/** One function event's properties, resolved one by one against the local stack, with errors that say where. */
public record EventProperties(String functionLogicalId, String eventName, EventSource source, Intrinsics intrinsics) {

    public Optional<Object> resolved(String name) {
        Object raw = source.properties().get(name);
        return raw == null ? Optional.empty() : Optional.ofNullable(intrinsics.resolve(raw, functionLogicalId, path(name)));
    }

    public Optional<Object> raw(String name) {
        return Optional.ofNullable(source.properties().get(name));
    }

    public String string(String name) {
        return optionalString(name).orElseThrow(() -> problem(name + " is required"));
    }

    public Optional<String> optionalString(String name) {
        return resolved(name).map(value -> {
            if (value instanceof Map || value instanceof List) {
                throw problem(name + " should be a single value but is " + value);
            }
            return String.valueOf(value);
        });
    }

    public int integer(String name, int otherwise) {
        String value = optionalString(name).orElse(Integer.toString(otherwise));
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw problem(name + " should be a whole number but is " + value);
        }
    }

    public List<String> strings(String name) {
        return resolved(name).map(value -> {
            if (!(value instanceof List<?> list)) {
                throw problem(name + " should be a list but is " + value);
            }
            return list.stream().map(String::valueOf).toList();
        }).orElse(List.of());
    }

    /** A start-up error naming the function, the event and the property path. */
    public LocalRuntimeException problem(String detail) {
        return new LocalRuntimeException(functionLogicalId + ".Properties.Events." + eventName + ".Properties: " + detail);
    }

    private String path(String name) {
        return "Properties.Events." + eventName + ".Properties." + name;
    }
}
