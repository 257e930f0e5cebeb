package uk.callretention.access;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonBodyTest {

    @ParameterizedTest(name = "[{0}] is refused")
    @ValueSource(strings = {
            "{\"purpose\":\"dispute\",\"purpose\":\"complaint\"}",
            "{\"purpose\":\"complaint\"} {\"purpose\":\"dispute\"}",
            "{\"purpose\":\"complaint\"} x",
            "{\"purpose\":",
            "[]",
            "null",
            "\"complaint\""
    })
    void fields_whenTheBodyIsNotExactlyOneObjectWithEachFieldOnce_isABadRequest(String body) {
        Outcome<Fields> fields = JsonBody.of(body).fields();

        assertThat(fields).isInstanceOfSatisfying(Outcome.Refused.class,
                refused -> assertThat(refused.refusal().code()).isEqualTo("bad-request"));
    }

    @Test
    void fields_whenNestedDeeperThanAParserAllows_isABadRequestNotACrash() {
        Outcome<Fields> fields = JsonBody.of("{\"a\":" + "[".repeat(4000) + "]".repeat(4000) + "}").fields();

        assertThat(fields).isInstanceOf(Outcome.Refused.class);
    }

    @Test
    void fields_whenOneObject_givesItsFields() {
        Outcome<Fields> fields = JsonBody.of(" {\"purpose\":\"complaint\"}\n").fields();

        assertThat(fields).isInstanceOfSatisfying(Outcome.Done.class,
                done -> assertThat(((Fields) done.value()).requiredText("purpose", 64)).contains("complaint"));
    }
}
