package uk.callretention.local.runtime.function;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.amazonaws.services.lambda.runtime.serialization.factories.JacksonFactory;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Comparator;
import uk.callretention.local.runtime.Json;

/**
 * How to call a handler with an event's JSON: a {@link RequestStreamHandler} gets the JSON bytes; any other
 * handler method gets the JSON converted to its first parameter's declared type (SQSEvent,
 * APIGatewayV2HTTPEvent, ScheduledEvent, {@code Map<String,Object>}...) by Lambda's own mapper,
 * aws-lambda-java-serialization, as Lambda's Java runtime does.
 */
interface HandlerMethod {

    /** @return the handler's result as a JSON tree, as Lambda would serialise it */
    Object call(Object handler, Object event, Context context) throws Throwable;

    static HandlerMethod of(Class<?> handlerClass, String methodName) {
        if (RequestStreamHandler.class.isAssignableFrom(handlerClass) && methodName.equals("handleRequest")) {
            return HandlerMethod::callStream;
        }
        Method method = Arrays.stream(handlerClass.getMethods())
                .filter(m -> m.getName().equals(methodName) && !m.isBridge() && !Modifier.isStatic(m.getModifiers()))
                .filter(m -> m.getParameterCount() == 1 || m.getParameterCount() == 2 && m.getParameterTypes()[1] == Context.class)
                .max(Comparator.comparingInt(Method::getParameterCount))
                .orElseThrow(() -> new IllegalArgumentException("it has no public method " + methodName + "(event) or "
                        + methodName + "(event, Context)"));
        PojoSerializer<Object> input = serializerFor(method.getGenericParameterTypes()[0]);
        return (handler, event, context) -> {
            // a copy of its own for each invocation, as Lambda deserialises each event afresh
            Object argument = input.fromJson(Json.write(event));
            Object[] arguments = method.getParameterCount() == 2 ? new Object[] {argument, context} : new Object[] {argument};
            try {
                return Json.parse(Json.write(method.invoke(handler, arguments)));
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        };
    }

    /** Lambda's event classes through their mix-ins (JSON names as AWS sends them), anything else through Lambda's Jackson. */
    @SuppressWarnings("unchecked")
    static PojoSerializer<Object> serializerFor(Type type) {
        return type instanceof Class<?> event && LambdaEventSerializers.isLambdaSupportedEvent(event.getName())
                ? (PojoSerializer<Object>) LambdaEventSerializers.serializerFor(event, event.getClassLoader())
                : JacksonFactory.getInstance().getSerializer(type);
    }

    private static Object callStream(Object handler, Object event, Context context) throws Throwable {
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        ((RequestStreamHandler) handler).handleRequest(
                new ByteArrayInputStream(Json.write(event).getBytes(StandardCharsets.UTF_8)), output, context);
        String text = output.toString(StandardCharsets.UTF_8);
        if (text.isBlank()) {
            return null;
        }
        try {
            return Json.parse(text);
        } catch (IllegalArgumentException notJson) {
            return text;
        }
    }
}
