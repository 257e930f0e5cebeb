package uk.callretention.bench.runner;

import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns a parsed event into the object a handler's {@code handleRequest} takes, as Lambda's Java runtime does before it
 * calls the handler: a {@code Map} or {@code Object} as parsed, an event class (SQSEvent, APIGatewayV2HTTPEvent, ...)
 * through its setters. Names match without regard to case ({@code eventSourceARN} sets {@code setEventSourceArn}), and
 * fields the class has no setter for are left out, as Lambda's serializer leaves them.
 */
final class EventBinder {

    private EventBinder() {
    }

    static Object bind(Object json, Type type) {
        if (json == null) {
            return null;
        }
        Class<?> raw = rawClass(type);
        if (raw == Object.class || raw.isInstance(json) && !(json instanceof Map<?, ?>) && !(json instanceof List<?>)) {
            return json;
        }
        if (raw == String.class) {
            return json instanceof String ? json : Json.write(json);
        }
        if (raw == long.class || raw == Long.class) {
            return ((Number) json).longValue();
        }
        if (raw == int.class || raw == Integer.class) {
            return ((Number) json).intValue();
        }
        if (raw == boolean.class || raw == Boolean.class) {
            return json instanceof Boolean b ? b : Boolean.parseBoolean(json.toString());
        }
        if (Map.class.isAssignableFrom(raw)) {
            Type valueType = typeArgument(type, 1);
            Map<String, Object> map = new LinkedHashMap<>();
            ((Map<?, ?>) json).forEach((key, value) -> map.put(String.valueOf(key), bind(value, valueType)));
            return map;
        }
        if (List.class.isAssignableFrom(raw)) {
            Type elementType = typeArgument(type, 0);
            List<Object> list = new ArrayList<>();
            ((List<?>) json).forEach(item -> list.add(bind(item, elementType)));
            return list;
        }
        return bean((Map<?, ?>) json, raw);
    }

    private static Object bean(Map<?, ?> json, Class<?> type) {
        try {
            Object bean = type.getConstructor().newInstance();
            Map<String, Method> setters = new LinkedHashMap<>();
            for (Method method : type.getMethods()) {
                if (method.getName().startsWith("set") && method.getParameterCount() == 1) {
                    String property = method.getName().substring(3).toLowerCase(Locale.ROOT);
                    setters.put(property, method);
                    if (property.startsWith("is")) {
                        setters.putIfAbsent(property.substring(2), method);
                    }
                }
            }
            for (Map.Entry<?, ?> field : json.entrySet()) {
                String name = String.valueOf(field.getKey()).toLowerCase(Locale.ROOT);
                Method setter = setters.containsKey(name) ? setters.get(name) : setters.get(name.startsWith("is") ? name.substring(2) : "is" + name);
                if (setter != null) {
                    setter.invoke(bean, bind(field.getValue(), setter.getGenericParameterTypes()[0]));
                }
            }
            return bean;
        } catch (ReflectiveOperationException e) {
            throw new IllegalArgumentException("cannot make a " + type.getName() + " from the event", e);
        }
    }

    private static Class<?> rawClass(Type type) {
        if (type instanceof Class<?> c) {
            return c;
        }
        if (type instanceof ParameterizedType p) {
            return (Class<?>) p.getRawType();
        }
        return Object.class;
    }

    private static Type typeArgument(Type type, int index) {
        return type instanceof ParameterizedType p && p.getActualTypeArguments().length > index ? p.getActualTypeArguments()[index] : Object.class;
    }
}
