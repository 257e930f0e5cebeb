package uk.callretention.local.runtime;

import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.io.UncheckedIOException;

/** JSON as Lambda and API Gateway see it: trees of maps, lists, strings, numbers, booleans and null. */
public final class Json {
    private static final JSON JSON_TREES = JSON.std.with(JSON.Feature.PRESERVE_FIELD_ORDERING);
    private static final JSON PRETTY = JSON_TREES.with(JSON.Feature.PRETTY_PRINT_OUTPUT);

    private Json() {
    }

    /** @throws IllegalArgumentException when the text is not JSON */
    public static Object parse(String text) {
        try {
            return JSON_TREES.anyFrom(text);
        } catch (IOException e) {
            throw new IllegalArgumentException("not JSON: " + e.getMessage(), e);
        }
    }

    /** Writes a tree, or a bean through its getters as Lambda's serializer does with a handler's result. */
    public static String write(Object value) {
        try {
            return JSON_TREES.asString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String writePretty(Object value) {
        try {
            return PRETTY.asString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
