package uk.callretention.local.runtime.function;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.joda.time.DateTime;

/**
 * Turns an event's JSON into the handler's parameter type as Lambda's Java runtime does: JSON names match
 * setters whatever their case or dashes ({@code eventSourceARN} → {@code setEventSourceArn},
 * {@code detail-type} → {@code setDetailType}), binary values arrive base64-encoded.
 */
final class EventMapper {
    private static final ClassValue<Map<String, Method>> SETTERS = new ClassValue<>() {
        @Override
        protected Map<String, Method> computeValue(Class<?> type) {
            Map<String, Method> setters = new HashMap<>();
            for (Method method : type.getMethods()) {
                if (method.getName().startsWith("set") && method.getParameterCount() == 1 && !Modifier.isStatic(method.getModifiers())) {
                    setters.put(normalise(method.getName().substring(3)), method);
                }
            }
            return setters;
        }
    };

    private EventMapper() {
    }

    static Object convert(Object json, Type type) {
        if (json == null) {
            return null;
        }
        if (type instanceof ParameterizedType parameterized) {
            Class<?> raw = (Class<?>) parameterized.getRawType();
            Type[] arguments = parameterized.getActualTypeArguments();
            if (Map.class.isAssignableFrom(raw) && json instanceof Map<?, ?> map) {
                Map<Object, Object> converted = new LinkedHashMap<>();
                map.forEach((key, value) -> converted.put(key, convert(value, arguments[1])));
                return converted;
            }
            if (List.class.isAssignableFrom(raw) && json instanceof List<?> list) {
                List<Object> converted = new ArrayList<>();
                list.forEach(element -> converted.add(convert(element, arguments[0])));
                return converted;
            }
            return convert(json, raw);
        }
        if (type instanceof Class<?> target) {
            return convertTo(json, target);
        }
        return json;
    }

    private static Object convertTo(Object json, Class<?> target) {
        if (target.isInstance(json)) {
            return json;
        }
        if (target == String.class) {
            return String.valueOf(json);
        }
        if (target == int.class || target == Integer.class) {
            return number(json).intValue();
        }
        if (target == long.class || target == Long.class) {
            return number(json).longValue();
        }
        if (target == double.class || target == Double.class) {
            return number(json).doubleValue();
        }
        if (target == boolean.class || target == Boolean.class) {
            return Boolean.valueOf(String.valueOf(json));
        }
        if (target == ByteBuffer.class) {
            return ByteBuffer.wrap(Base64.getDecoder().decode(String.valueOf(json)));
        }
        if (target == DateTime.class) {
            return DateTime.parse(String.valueOf(json));
        }
        if (json instanceof Map<?, ?> map) {
            return bean(map, target);
        }
        throw new IllegalArgumentException("cannot make a " + target.getName() + " from JSON " + json.getClass().getSimpleName());
    }

    private static Number number(Object json) {
        return json instanceof Number number ? number : Double.valueOf(String.valueOf(json));
    }

    private static Object bean(Map<?, ?> json, Class<?> type) {
        try {
            Object bean = type.getConstructor().newInstance();
            Map<String, Method> setters = SETTERS.get(type);
            for (Map.Entry<?, ?> entry : json.entrySet()) {
                Method setter = setters.get(normalise(String.valueOf(entry.getKey())));
                Object value = setter == null ? null : convert(entry.getValue(), setter.getGenericParameterTypes()[0]);
                if (value != null) {
                    setter.invoke(bean, value);
                }
            }
            return bean;
        } catch (ReflectiveOperationException e) {
            throw new IllegalArgumentException("cannot make a " + type.getName() + " from the event: " + e, e);
        }
    }

    private static String normalise(String name) {
        return name.replace("-", "").replace("_", "").toLowerCase(Locale.ROOT);
    }
}
