package uk.callretention.access;

import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.util.List;

/**
 * Reads the groups claim in the three forms it reaches a function, and in no other:
 * <ul>
 *   <li>{@code [a b]}: API Gateway's HTTP API flattens an array claim into its elements joined by one space between
 *   square brackets. A space more or less (before the first, after the last, two in a row) or any other white space
 *   means an element held white space, and which one cannot be told: the whole claim grants nothing.</li>
 *   <li>{@code ["a","b"]}: a JSON array of strings, as a token read directly gives it; each element is one group.</li>
 *   <li>{@code a}: one group, the whole string.</li>
 * </ul>
 * Nothing is trimmed or split on commas: {@code "a,b"} is one group of no known shape, so it grants nothing. A group
 * must then be exactly {@code <council>:<team>:<role>} ({@link Membership}) to grant anything.
 */
public final class GroupsClaim {

    private GroupsClaim() {
    }

    public static List<String> parse(String claim) {
        if (claim == null || claim.isEmpty() || claim.equals("[]")) {
            return List.of();
        }
        if (claim.startsWith("[\"")) {
            return jsonArray(claim);
        }
        if (claim.startsWith("[") && claim.endsWith("]")) {
            List<String> groups = List.of(claim.substring(1, claim.length() - 1).split(" ", -1));
            return groups.stream().allMatch(GroupsClaim::withoutWhiteSpace) ? groups : List.of();
        }
        return List.of(claim);
    }

    private static boolean withoutWhiteSpace(String group) {
        return !group.isEmpty() && group.chars().noneMatch(c -> Character.isWhitespace(c) || Character.isSpaceChar(c));
    }

    private static List<String> jsonArray(String text) {
        try {
            return JSON.std.listOfFrom(String.class, text);
        } catch (IOException | RuntimeException notJson) {
            return List.of();
        }
    }
}
