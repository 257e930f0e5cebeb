package uk.callretention.training;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import uk.callretention.training.TrainingCopyRefused.Reason;

/**
 * The training copy of a web chat: the transcript in the same JSON shape, with the messages a manager chose cut, every
 * personal detail ({@link PersonalDetails}) cut from every message, customers' names replaced, and every field that
 * could carry personal data and is not needed to read the conversation dropped.
 *
 * <p>Shapes read, as the console's conversation view ({@code console/src/main/site/app/conversation.js}) reads them:
 * a list of messages at the top level, or under {@code messages}, {@code transcript}, {@code Transcript} (Amazon
 * Connect) or {@code Messages}. Anything else is refused, not guessed at: an object with none of those lists or with
 * two of them, a list holding something other than objects, or a non-empty list in which no entry has text.
 *
 * <p>Messages are numbered as the conversation view lists them, from 0: entries that carry text, in order. Entries
 * without text (Amazon Connect's "joined the chat" events) are kept, stripped like the rest, but have no number.
 *
 * <p>What each entry keeps (every other field, such as ids, participant ids, attachments and contact attributes, is
 * dropped):
 * <ul>
 *   <li>its text ({@code text}, {@code message}, {@code body}, {@code content}, {@code Content}, or an object's
 *       {@code text}), with personal details cut, or the cut marker when the message is cut;</li>
 *   <li>who spoke ({@code from}, {@code sender}, {@code author}, {@code participant}, {@code name},
 *       {@code DisplayName}; an object's {@code name}, {@code displayName} and {@code role}): a customer's name becomes
 *       "Customer"; staff's (agent, supervisor, bot, system) stays, personal details cut; a name whose role the entry
 *       does not say becomes "Participant 1", "Participant 2"... by first appearance, since it may be the customer's;</li>
 *   <li>the role ({@code role}, {@code ParticipantRole}) when it is a role word, else treated as a name;</li>
 *   <li>the time ({@code at}, {@code time}, {@code timestamp}, {@code sentAt}, {@code createdAt},
 *       {@code AbsoluteTime}) when it is a number or an ISO date and time, so a trainee sees how quickly staff
 *       answered; the copy is catalogued with its source's id anyway, so the time links it to nothing new;</li>
 *   <li>Amazon Connect's {@code Type} and {@code ContentType}, personal details cut.</li>
 * </ul>
 * At the top level only the list is kept, and Amazon Connect's {@code Version}: contact, instance, account and
 * participant ids are dropped.
 */
public final class ChatTrainingCopy {

    /** What a cut message's text becomes. */
    public static final String CUT_MARKER = "[removed for training]";
    public static final String CUSTOMER = "Customer";

    private static final List<String> LISTS = List.of("messages", "transcript", "Transcript", "Messages");
    private static final List<String> NAMES = List.of("from", "sender", "author", "participant", "name", "DisplayName");
    private static final List<String> ROLES = List.of("role", "ParticipantRole");
    private static final List<String> TIMES = List.of("at", "time", "timestamp", "sentAt", "createdAt", "AbsoluteTime");
    private static final List<String> TEXTS = List.of("text", "message", "body", "content", "Content");
    private static final List<String> CONNECT_KINDS = List.of("Type", "ContentType");

    private static final Set<String> CUSTOMER_ROLES = Set.of("customer", "caller", "user", "visitor", "client", "citizen",
            "resident", "enduser", "contact");
    private static final Set<String> STAFF_ROLES = Set.of("agent", "advisor", "adviser", "staff", "operator", "supervisor",
            "bot", "custombot", "system", "assistant");

    /** A key given twice would leave which value the console shows to a guess, so it is refused. */
    private static final JSON STRICT = JSON.std.with(JSON.Feature.FAIL_ON_DUPLICATE_MAP_KEYS);

    private enum Speaker { CUSTOMER, STAFF, UNKNOWN }

    private final Map<String, String> participants = new HashMap<>();

    private ChatTrainingCopy() {
    }

    /**
     * The training copy's JSON text.
     *
     * @param transcript    the source transcript's JSON text (untouched)
     * @param messagesToCut the numbers (from 0, as the conversation view lists them) of the messages whose text is cut
     *                      whole; may be empty, as personal details are cut anyway; not null
     * @throws TrainingCopyRefused when the source is not JSON, not a transcript shape, or a number is not one of its messages
     */
    public static String of(String transcript, Set<Integer> messagesToCut) {
        Object source = parse(transcript);
        return new ChatTrainingCopy().copy(source, Set.copyOf(messagesToCut));
    }

    private static Object parse(String transcript) {
        if (transcript == null || transcript.isBlank()) {
            throw new TrainingCopyRefused(Reason.NOT_JSON, "The transcript is empty.");
        }
        boolean more;
        Object value;
        try (JsonParser parser = STRICT.getStreamingFactory().createParser(transcript)) {
            value = STRICT.anyFrom(parser);
            more = parser.nextToken() != null;
        } catch (IOException | RuntimeException notJson) {
            throw new TrainingCopyRefused(Reason.NOT_JSON,
                    "The transcript is not valid JSON (it may be truncated, or name a field twice in one message).");
        }
        if (more) {
            throw new TrainingCopyRefused(Reason.NOT_JSON, "The transcript has more after its JSON; it may be two files joined.");
        }
        return value;
    }

    private String copy(Object source, Set<Integer> messagesToCut) {
        String listName = listNameOf(source);
        List<?> list = listName == null ? (List<?>) source : (List<?>) ((Map<?, ?>) source).get(listName);

        List<Object> entries = new ArrayList<>(list.size());
        int messages = 0;
        for (Object entry : list) {
            if (!(entry instanceof Map<?, ?> fields)) {
                throw new TrainingCopyRefused(Reason.UNKNOWN_SHAPE, "The transcript's list holds something other than messages.");
            }
            boolean isMessage = textOf(fields) != null;
            entries.add(entry(fields, isMessage && messagesToCut.contains(messages)));
            if (isMessage) {
                messages++;
            }
        }
        if (messages == 0 && !list.isEmpty()) {
            throw new TrainingCopyRefused(Reason.UNKNOWN_SHAPE, "None of the transcript's entries has the text of a message.");
        }
        for (int number : messagesToCut) {
            if (number < 0 || number >= messages) {
                throw new TrainingCopyRefused(Reason.NO_SUCH_MESSAGE, "The transcript has " + messages + " messages, numbered 0 to "
                        + (messages - 1) + "; there is no message " + number + " to cut.");
            }
        }

        Object copy = entries;
        if (listName != null) {
            Map<String, Object> top = new LinkedHashMap<>();
            if (((Map<?, ?>) source).get("Version") instanceof String version) {
                top.put("Version", PersonalDetails.cutFrom(version));
            }
            top.put(listName, entries);
            copy = top;
        }
        try {
            return JSON.std.asString(copy);
        } catch (IOException cannotHappen) {
            throw new IllegalStateException("Writing maps, lists and strings as JSON failed", cannotHappen);
        }
    }

    /** The name of the object's one list of messages, or null when the transcript is the list itself. */
    private static String listNameOf(Object source) {
        if (source instanceof List<?>) {
            return null;
        }
        if (!(source instanceof Map<?, ?> object)) {
            throw new TrainingCopyRefused(Reason.UNKNOWN_SHAPE, "The transcript is JSON but not a conversation.");
        }
        List<String> found = LISTS.stream().filter(name -> object.get(name) instanceof List<?>).toList();
        if (found.size() != 1) {
            throw new TrainingCopyRefused(Reason.UNKNOWN_SHAPE, found.isEmpty()
                    ? "The transcript has no list of messages (messages, transcript, Transcript or Messages)."
                    : "The transcript has more than one list of messages (" + String.join(", ", found) + "); we cannot tell which to copy.");
        }
        return found.get(0);
    }

    /** The text the conversation view would show, as it picks it: the first text field present. */
    private static Object textOf(Map<?, ?> fields) {
        for (String name : TEXTS) {
            Object value = fields.get(name);
            if (value instanceof String) {
                return value;
            }
            if (value instanceof Map<?, ?> object && object.get("text") instanceof String) {
                return value;
            }
            if (value != null) {
                return null;
            }
        }
        return null;
    }

    private Map<String, Object> entry(Map<?, ?> fields, boolean cut) {
        Speaker speaker = speakerOf(fields);
        Map<String, Object> copy = new LinkedHashMap<>();
        for (Map.Entry<?, ?> field : fields.entrySet()) {
            String name = String.valueOf(field.getKey());
            Object value = field.getValue();
            if (TEXTS.contains(name)) {
                if (value instanceof String text) {
                    copy.put(name, cut ? CUT_MARKER : PersonalDetails.cutFrom(text));
                } else if (value instanceof Map<?, ?> object && object.get("text") instanceof String text) {
                    copy.put(name, Map.of("text", cut ? CUT_MARKER : PersonalDetails.cutFrom(text)));
                }
            } else if (NAMES.contains(name)) {
                if (value instanceof Map<?, ?> object) {
                    copy.put(name, speakerObject(object, speaker));
                } else if (value instanceof String named) {
                    copy.put(name, nameFor(named, speaker));
                }
            } else if (ROLES.contains(name) && value instanceof String role) {
                copy.put(name, roleOf(role) != Speaker.UNKNOWN ? role : nameFor(role, speaker));
            } else if (TIMES.contains(name) && isTime(value)) {
                copy.put(name, value);
            } else if (CONNECT_KINDS.contains(name) && value instanceof String kind) {
                copy.put(name, PersonalDetails.cutFrom(kind));
            }
        }
        return copy;
    }

    private Map<String, Object> speakerObject(Map<?, ?> object, Speaker speaker) {
        Map<String, Object> copy = new LinkedHashMap<>();
        if (object.get("role") instanceof String role) {
            copy.put("role", roleOf(role) != Speaker.UNKNOWN ? role : nameFor(role, speaker));
        }
        for (String key : List.of("name", "displayName")) {
            if (object.get(key) instanceof String named) {
                copy.put(key, nameFor(named, speaker));
            }
        }
        if (!copy.containsKey("name") && !copy.containsKey("displayName")) {
            // The conversation view would otherwise show the dropped id; it shows the name instead.
            copy.put("name", nameFor(String.valueOf(object.get("id")), speaker));
        }
        return copy;
    }

    /** Who spoke, from every role the entry states; a customer anywhere wins, as cutting too much is the safe side. */
    private static Speaker speakerOf(Map<?, ?> fields) {
        List<Object> claims = new ArrayList<>();
        for (String name : ROLES) {
            claims.add(fields.get(name));
        }
        for (String name : NAMES) {
            Object value = fields.get(name);
            claims.add(value instanceof Map<?, ?> object ? object.get("role") : value);
        }
        Speaker found = Speaker.UNKNOWN;
        for (Object claim : claims) {
            if (claim instanceof String role) {
                Speaker said = roleOf(role);
                if (said == Speaker.CUSTOMER) {
                    return Speaker.CUSTOMER;
                }
                if (said == Speaker.STAFF) {
                    found = Speaker.STAFF;
                }
            }
        }
        return found;
    }

    private static Speaker roleOf(String role) {
        String word = role.toLowerCase(Locale.ROOT).replaceAll("[\\s_-]", "");
        if (CUSTOMER_ROLES.contains(word)) {
            return Speaker.CUSTOMER;
        }
        return STAFF_ROLES.contains(word) ? Speaker.STAFF : Speaker.UNKNOWN;
    }

    private String nameFor(String name, Speaker speaker) {
        return switch (speaker) {
            case CUSTOMER -> CUSTOMER;
            case STAFF -> PersonalDetails.cutFrom(name);
            case UNKNOWN -> participants.computeIfAbsent(name, unseen -> "Participant " + (participants.size() + 1));
        };
    }

    private static boolean isTime(Object value) {
        if (value instanceof Number) {
            return true;
        }
        if (!(value instanceof String text)) {
            return false;
        }
        if (text.matches("\\d{1,13}(\\.\\d{1,6})?")) {
            return true;
        }
        try {
            OffsetDateTime.parse(text);
            return true;
        } catch (DateTimeParseException notOffset) {
            try {
                LocalDateTime.parse(text);
                return true;
            } catch (DateTimeParseException notLocal) {
                return false;
            }
        }
    }
}
