package uk.callretention.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.jr.ob.JSON;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import uk.callretention.training.TrainingCopyRefused.Reason;

class ChatTrainingCopyTest {

    private static final String CONNECT = """
            {
              "Version": "2019-08-26",
              "AWSAccountId": "123456789012",
              "InstanceId": "11111111-2222-3333-4444-555555555555",
              "InitialContactId": "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee",
              "ContactId": "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee",
              "Participants": [{"ParticipantId": "cust-participant-1"}, {"ParticipantId": "agent-participant-1"}],
              "Transcript": [
                {"AbsoluteTime": "2026-12-01T10:30:00.000Z", "ContentType": "application/vnd.amazonaws.connect.event.participant.joined",
                 "Id": "e1", "Type": "EVENT", "ParticipantId": "cust-participant-1", "DisplayName": "Jane Doe", "ParticipantRole": "CUSTOMER"},
                {"AbsoluteTime": "2026-12-01T10:30:05.000Z", "Content": "Hi, I need help with my council tax. My number is 07700 900123.",
                 "ContentType": "text/plain", "Id": "m1", "Type": "MESSAGE", "ParticipantId": "cust-participant-1",
                 "DisplayName": "Jane Doe", "ParticipantRole": "CUSTOMER"},
                {"AbsoluteTime": "2026-12-01T10:30:40.000Z", "Content": "Thanks Jane, I can help. What's your e-mail address?",
                 "ContentType": "text/plain", "Id": "m2", "Type": "MESSAGE", "ParticipantId": "agent-participant-1",
                 "DisplayName": "Sam (Revenues)", "ParticipantRole": "AGENT"},
                {"AbsoluteTime": "2026-12-01T10:31:10.000Z", "Content": "jane.doe@example.co.uk",
                 "ContentType": "text/plain", "Id": "m3", "Type": "MESSAGE", "ParticipantId": "cust-participant-1",
                 "DisplayName": "Jane Doe", "ParticipantRole": "CUSTOMER"},
                {"AbsoluteTime": "2026-12-01T10:32:00.000Z", "Content": "I'd like to pay £12.50 now with 4111 1111 1111 1111",
                 "ContentType": "text/plain", "Id": "m4", "Type": "MESSAGE", "ParticipantId": "cust-participant-1",
                 "DisplayName": "Jane Doe", "ParticipantRole": "CUSTOMER",
                 "Attachments": [{"AttachmentName": "jane-doe-bill.pdf", "AttachmentId": "att-1"}]},
                {"AbsoluteTime": "2026-12-01T10:33:00.000Z", "Content": "My husband John was rude on the phone last week.",
                 "ContentType": "text/plain", "Id": "m5", "Type": "MESSAGE", "ParticipantId": "cust-participant-1",
                 "DisplayName": "Jane Doe", "ParticipantRole": "CUSTOMER"}
              ]
            }
            """;

    private static final String MESSAGES = """
            {"customerId": "C-778812", "contactAttributes": {"uprn": "100023336956", "name": "Jane Doe"},
             "messages": [
               {"from": "Jane Doe", "role": "customer", "at": "2026-12-01T10:30:05Z", "text": "Hello, I live at SW1A 1AA", "id": "x1"},
               {"from": "Sam", "role": "agent", "at": 1764585040, "text": "Hello, how can I help?"},
               {"sender": {"name": "Jane Doe", "id": "cust-9", "role": "visitor"}, "at": 1764585070000, "text": "Card 5555-5555-5555-4444"},
               {"author": "Pat Smith", "timestamp": "yesterday at 5 (call 07700 900999)", "body": "Ring me on +44 20 7946 0018"},
               {"from": "agent", "text": {"text": "Noted, jo@example.com", "html": "<b>jo@example.com</b>"}}
             ]}
            """;

    @Test
    void of_whenDetailsAreInDifferentMessages_leavesNoneInTheCopy() throws Exception {
        String copy = ChatTrainingCopy.of(CONNECT, Set.of());

        assertThat(copy).doesNotContain("07700 900123", "07700", "900123", "jane.doe@example.co.uk", "example.co.uk",
                "4111 1111 1111 1111", "4111", "Jane Doe");
        assertThat(copy).contains("[phone number removed]", "[e-mail address removed]", "[card number removed]", "£12.50");
    }

    @Test
    void of_whenConnectTranscript_keepsTheShapeAndDropsIds() throws Exception {
        Map<String, Object> copy = JSON.std.mapFrom(ChatTrainingCopy.of(CONNECT, Set.of()));

        assertThat(copy).containsOnlyKeys("Version", "Transcript");
        List<Object> transcript = entries(copy, "Transcript");
        assertThat(transcript).hasSize(6);
        assertThat(transcript.get(0)).isEqualTo(Map.of("AbsoluteTime", "2026-12-01T10:30:00.000Z",
                "ContentType", "application/vnd.amazonaws.connect.event.participant.joined", "Type", "EVENT",
                "DisplayName", "Customer", "ParticipantRole", "CUSTOMER"));
        assertThat(transcript.get(2)).isEqualTo(Map.of("AbsoluteTime", "2026-12-01T10:30:40.000Z",
                "Content", "Thanks Jane, I can help. What's your e-mail address?", "ContentType", "text/plain",
                "Type", "MESSAGE", "DisplayName", "Sam (Revenues)", "ParticipantRole", "AGENT"));
        assertThat(ChatTrainingCopy.of(CONNECT, Set.of())).doesNotContain("123456789012", "aaaaaaaa", "participant-1",
                "jane-doe-bill.pdf", "att-1", "\"m1\"");
    }

    @Test
    void of_whenMessagesAreChosen_cutsThemByTheirNumberInTheConversation() throws Exception {
        // Numbered as the conversation view lists them: the "joined" event has no text, so message 4 is the sixth entry.
        Map<String, Object> copy = JSON.std.mapFrom(ChatTrainingCopy.of(CONNECT, Set.of(1, 4)));

        List<Object> transcript = entries(copy, "Transcript");
        assertThat(transcript).extracting(entry -> (Object) ((Map<?, ?>) entry).get("Content")).containsExactly(null,
                "Hi, I need help with my council tax. My number is [phone number removed].",
                ChatTrainingCopy.CUT_MARKER,
                "[e-mail address removed]",
                "I'd like to pay £12.50 now with [card number removed]",
                ChatTrainingCopy.CUT_MARKER);
    }

    @Test
    void of_whenMessagesShape_keepsTheShapeReplacesCustomersAndDropsTheRest() throws Exception {
        String text = ChatTrainingCopy.of(MESSAGES, Set.of());
        Map<String, Object> copy = JSON.std.mapFrom(text);

        assertThat(copy).containsOnlyKeys("messages");
        assertThat(entries(copy, "messages")).containsExactly(
                Map.of("from", "Customer", "role", "customer", "at", "2026-12-01T10:30:05Z", "text", "Hello, I live at [postcode removed]"),
                Map.of("from", "Sam", "role", "agent", "at", 1764585040, "text", "Hello, how can I help?"),
                Map.of("sender", Map.of("name", "Customer", "role", "visitor"), "at", 1764585070000L, "text", "Card [card number removed]"),
                Map.of("author", "Participant 1", "body", "Ring me on [phone number removed]"),
                Map.of("from", "agent", "text", Map.of("text", "Noted, [e-mail address removed]")));
        assertThat(text).doesNotContain("Jane", "C-778812", "100023336956", "cust-9", "x1", "Pat Smith", "07700 900999", "jo@example.com");
    }

    @Test
    void of_whenTheListIsTheWholeDocument_answersWithAList() throws Exception {
        String copy = ChatTrainingCopy.of("[{\"from\": \"Jo Bloggs\", \"text\": \"hi\"}, {\"from\": \"Jo Bloggs\", \"text\": \"07700900123\"},"
                + " {\"from\": \"Ann\", \"text\": \"hello\"}]", Set.of(0));

        assertThat(JSON.std.anyFrom(copy)).isEqualTo(List.of(
                Map.of("from", "Participant 1", "text", ChatTrainingCopy.CUT_MARKER),
                Map.of("from", "Participant 1", "text", "[phone number removed]"),
                Map.of("from", "Participant 2", "text", "hello")));
    }

    static Stream<Arguments> of_whenMessagesSaySoDifferently_namesTheSpeakerAsTheirRoleAllows() {
        return Stream.of(
                // the message's speaker fields -> the copy's
                Arguments.of("\"from\": \"Sam\", \"role\": \"Agent\"", Map.of("from", "Sam", "role", "Agent")),
                Arguments.of("\"from\": \"Sam\", \"role\": \"supervisor\"", Map.of("from", "Sam", "role", "supervisor")),
                Arguments.of("\"DisplayName\": \"Council bot\", \"ParticipantRole\": \"CUSTOM_BOT\"",
                        Map.of("DisplayName", "Council bot", "ParticipantRole", "CUSTOM_BOT")),
                Arguments.of("\"DisplayName\": \"SYSTEM_MESSAGE\", \"ParticipantRole\": \"SYSTEM\"",
                        Map.of("DisplayName", "SYSTEM_MESSAGE", "ParticipantRole", "SYSTEM")),
                Arguments.of("\"from\": \"Jane Doe\", \"role\": \"Caller\"", Map.of("from", "Customer", "role", "Caller")),
                Arguments.of("\"from\": \"Jane Doe\", \"role\": \"end_user\"", Map.of("from", "Customer", "role", "end_user")),
                Arguments.of("\"DisplayName\": \"Jane Doe\", \"ParticipantRole\": \"CUSTOMER\"",
                        Map.of("DisplayName", "Customer", "ParticipantRole", "CUSTOMER")),
                // Staff named as the customer: the customer wins, cutting too much being the safe side.
                Arguments.of("\"from\": \"Sam\", \"role\": \"agent\", \"sender\": {\"role\": \"customer\"}",
                        Map.of("from", "Customer", "role", "agent", "sender", Map.of("role", "customer", "name", "Customer"))),
                Arguments.of("\"from\": \"Jane Doe\"", Map.of("from", "Participant 1")),
                Arguments.of("\"name\": \"Jane Doe\"", Map.of("name", "Participant 1")),
                Arguments.of("\"role\": \"Jane Doe\"", Map.of("role", "Participant 1")),
                Arguments.of("\"sender\": {\"id\": \"cust-9\"}", Map.of("sender", Map.of("name", "Participant 1"))),
                Arguments.of("\"from\": \"Sam 07700 900123\", \"role\": \"agent\"",
                        Map.of("from", "Sam [phone number removed]", "role", "agent")),
                Arguments.of("\"customerId\": \"C-1\", \"attributes\": {\"name\": \"Jane\"}", Map.of()));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource
    void of_whenMessagesSaySoDifferently_namesTheSpeakerAsTheirRoleAllows(String speaker, Map<String, Object> expected) throws Exception {
        String copy = ChatTrainingCopy.of("{\"messages\": [{" + speaker + ", \"text\": \"hi\"}]}", Set.of());

        Map<?, ?> message = (Map<?, ?>) entries(JSON.std.mapFrom(copy), "messages").get(0);
        Map<Object, Object> withoutText = new HashMap<>(message);
        withoutText.remove("text");
        assertThat(withoutText).isEqualTo(expected);
    }

    @Test
    void of_whenTranscriptIsEmpty_answersAnEmptyCopy() throws Exception {
        assertThat(ChatTrainingCopy.of("{\"messages\": []}", Set.of())).isEqualTo("{\"messages\":[]}");
    }

    @Test
    void of_whenCopied_leavesTheSourceTextAsItWas() throws Exception {
        String source = new String(MESSAGES);
        ChatTrainingCopy.of(source, Set.of(0));
        assertThat(source).isEqualTo(MESSAGES);
    }

    static Stream<Arguments> of_whenSourceOrChoiceIsBad_refusesSayingWhy() {
        return Stream.of(
                // source, messages to cut -> reason, words in the message
                Arguments.of("", Set.of(), Reason.NOT_JSON, "empty"),
                Arguments.of("   ", Set.of(), Reason.NOT_JSON, "empty"),
                Arguments.of("Hello, this is not JSON", Set.of(), Reason.NOT_JSON, "not valid JSON"),
                Arguments.of("{\"messages\": [{\"from\": \"a\", \"text\": \"hi\"}", Set.of(), Reason.NOT_JSON, "truncated"),
                Arguments.of("{\"messages\": [], \"messages\": []}", Set.of(), Reason.NOT_JSON, "twice"),
                Arguments.of("{\"messages\": []} {\"messages\": []}", Set.of(), Reason.NOT_JSON, "more after"),
                Arguments.of("\"just a string\"", Set.of(), Reason.UNKNOWN_SHAPE, "not a conversation"),
                Arguments.of("42", Set.of(), Reason.UNKNOWN_SHAPE, "not a conversation"),
                Arguments.of("{\"chat\": [{\"text\": \"hi\"}]}", Set.of(), Reason.UNKNOWN_SHAPE, "no list of messages"),
                Arguments.of("{\"messages\": \"hi\"}", Set.of(), Reason.UNKNOWN_SHAPE, "no list of messages"),
                Arguments.of("{\"messages\": [{\"text\": \"a\"}], \"Transcript\": [{\"Content\": \"b\"}]}", Set.of(),
                        Reason.UNKNOWN_SHAPE, "more than one list"),
                Arguments.of("{\"messages\": [\"hi\", \"07700 900123\"]}", Set.of(), Reason.UNKNOWN_SHAPE, "other than messages"),
                Arguments.of("{\"messages\": [{\"from\": \"a\", \"words\": \"hi\"}]}", Set.of(), Reason.UNKNOWN_SHAPE, "text of a message"),
                Arguments.of("{\"messages\": [{\"text\": \"a\"}, {\"text\": \"b\"}]}", Set.of(2), Reason.NO_SUCH_MESSAGE,
                        "has 2 messages, numbered 0 to 1; there is no message 2"),
                Arguments.of("{\"messages\": [{\"text\": \"a\"}]}", Set.of(-1), Reason.NO_SUCH_MESSAGE, "no message -1"),
                Arguments.of("{\"messages\": []}", Set.of(0), Reason.NO_SUCH_MESSAGE, "no message 0"),
                // The joined event has no number: the conversation has 5 messages, numbered 0 to 4.
                Arguments.of(CONNECT, Set.of(5), Reason.NO_SUCH_MESSAGE, "has 5 messages"));
    }

    @ParameterizedTest(name = "[{index}] {2}: {3}")
    @MethodSource
    void of_whenSourceOrChoiceIsBad_refusesSayingWhy(String source, Set<Integer> cut, Reason reason, String says) {
        assertThatThrownBy(() -> ChatTrainingCopy.of(source, cut))
                .isInstanceOfSatisfying(TrainingCopyRefused.class, refused -> assertThat(refused.reason()).isEqualTo(reason))
                .hasMessageContaining(says);
    }

    @Test
    void of_whenRefused_saysNothingOfTheTranscriptsContent() {
        assertThatThrownBy(() -> ChatTrainingCopy.of("{\"messages\": [{\"text\": \"07700 900123\"}", Set.of()))
                .hasMessageNotContaining("07700");
    }

    @SuppressWarnings("unchecked")
    private static List<Object> entries(Map<String, Object> copy, String list) {
        return (List<Object>) copy.get(list);
    }
}
