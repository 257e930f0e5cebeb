package uk.callretention.local.runtime.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import uk.callretention.local.runtime.Json;
import uk.callretention.local.runtime.auth.StaffMember;

/** Who a local sign-in asks to be, checked against the councils' policies before any token is made. */
class LocalSignInTest {
    private static final List<LocalCouncil> COUNCILS = List.of(
            new LocalCouncil("rutland", "Rutland County Council", List.of("customer-services")),
            new LocalCouncil("newark-sherwood", "Newark and Sherwood District Council", List.of("customer-services", "housing-services")));

    private final LocalSignIn signIn = new LocalSignIn(COUNCILS, Optional.empty());

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"council\":\"rutland\",\"team\":\"customer-services\",\"role\":\"manager\"} | rutland:customer-services:manager | rutland.customer-services.manager",
            "{\"council\":\"newark-sherwood\",\"team\":\"housing-services\",\"role\":\"staff\"} | newark-sherwood:housing-services:staff | newark-sherwood.housing-services.staff",
            "{\"council\":\"rutland\",\"role\":\"dpo\"} | rutland:*:dpo | rutland.all.dpo",
            "{\"council\":\"rutland\",\"team\":\"\",\"role\":\"dpo\"} | rutland:*:dpo | rutland.all.dpo",
            "{\"council\":\"rutland\",\"team\":\"customer-services\",\"role\":\"dpo\"} | rutland:*:dpo | rutland.all.dpo"})
    void member_whenTheChoiceIsInTheCouncilsPolicy_isThatMemberOfStaff(String body, String group, String username) {
        StaffMember member = signIn.member(Json.parse(body));

        assertThat(member.group()).isEqualTo(group);
        assertThat(member.username()).isEqualTo(username);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "null | send a JSON object",
            "[] | send a JSON object",
            "{\"council\":\"rutland\",\"team\":\"customer-services\"} | role must be one of manager, staff, dpo",
            "{\"council\":\"rutland\",\"team\":\"customer-services\",\"role\":\"admin\"} | role must be one of manager, staff, dpo",
            "{\"council\":\"rutland\",\"team\":\"customer-services\",\"role\":\"Manager\"} | role must be one of manager, staff, dpo",
            "{\"council\":\"nowhere\",\"team\":\"customer-services\",\"role\":\"manager\"} | council must be one of rutland, newark-sherwood",
            "{\"council\":7,\"role\":\"dpo\"} | council must be one of rutland, newark-sherwood",
            "{\"council\":\"rutland\",\"role\":\"manager\"} | a manager signs in to a team: choose one of Rutland County Council's: customer-services",
            "{\"council\":\"rutland\",\"team\":\"\",\"role\":\"staff\"} | a member of staff signs in to a team: choose one of Rutland County Council's: customer-services",
            "{\"council\":\"rutland\",\"team\":\"housing-services\",\"role\":\"staff\"} | team must be one of Rutland County Council's: customer-services",
            "{\"council\":\"rutland\",\"team\":\"*\",\"role\":\"manager\"} | team must be one of Rutland County Council's: customer-services",
            "{\"council\":\"rutland\",\"team\":[\"customer-services\"],\"role\":\"manager\"} | team must be one of Rutland County Council's: customer-services"})
    void member_whenTheChoiceIsNotOneThePoliciesGive_isRefusedSayingWhatToChoose(String body, String message) {
        assertThatThrownBy(() -> signIn.member(Json.parse(body))).isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith(message);
    }

    @Test
    void signIn_whenTheStackHasNoUserPool_saysSo() {
        assertThatThrownBy(() -> signIn.signIn(Json.parse("{\"council\":\"rutland\",\"role\":\"dpo\"}")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("ExistingOidcIssuer");
    }
}
