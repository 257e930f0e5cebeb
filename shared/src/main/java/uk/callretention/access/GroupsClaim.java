package uk.callretention.access;

import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;

/**
 * Reads the groups claim in the forms it reaches a function: API Gateway's HTTP API flattens an array claim into one
 * string like {@code [a b]}; a token read directly, or another authorizer, gives a JSON array; a single group may be
 * a bare string. Group names hold no spaces (the group format has none), so splitting on spaces is safe.
 */
public final class GroupsClaim {

    private GroupsClaim() {
    }

    public static List<String> parse(String claim) {
        if (claim == null || claim.isBlank()) {
            return List.of();
        }
        String text = claim.strip();
        if (text.startsWith("[\"") || text.equals("[]")) {
            return jsonArray(text);
        }
        if (text.startsWith("[") && text.endsWith("]")) {
            text = text.substring(1, text.length() - 1);
        }
        return Arrays.stream(text.split("[\\s,]+")).filter(group -> !group.isEmpty()).toList();
    }

    private static List<String> jsonArray(String text) {
        try {
            return JSON.std.listOfFrom(String.class, text);
        } catch (IOException | RuntimeException notJson) {
            return List.of();
        }
    }
}
