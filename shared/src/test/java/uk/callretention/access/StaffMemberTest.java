package uk.callretention.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import uk.callretention.policy.CouncilPolicy;
import uk.callretention.policy.PolicyBook;

class StaffMemberTest {

    private static final PolicyBook POLICIES = PolicyBook.bundled(Map.of());

    static Stream<Arguments> groupsClaims() {
        return Stream.of(
                Arguments.of("[rutland:customer-services:manager rutland:*:dpo]", List.of("rutland:customer-services:manager", "rutland:*:dpo")),
                Arguments.of("[\"rutland:customer-services:manager\",\"rutland:*:dpo\"]", List.of("rutland:customer-services:manager", "rutland:*:dpo")),
                Arguments.of("rutland:*:dpo", List.of("rutland:*:dpo")),
                Arguments.of("[]", List.of()),
                Arguments.of("", List.of()),
                Arguments.of(null, List.of()),
                Arguments.of("[rutland:customer-services:manager ]", List.of()),
                Arguments.of("[ rutland:customer-services:manager]", List.of()),
                Arguments.of("[rutland:*:dpo  rutland:customer-services:manager]", List.of()),
                Arguments.of("[rutland:*:dpo\trutland:customer-services:manager]", List.of()),
                Arguments.of("rutland:customer-services:manager ", List.of("rutland:customer-services:manager ")),
                Arguments.of("rutland:customer-services:manager,rutland:*:dpo", List.of("rutland:customer-services:manager,rutland:*:dpo")),
                Arguments.of("[\"rutland:customer-services:manager \",\"rutland:*:dpo\"]", List.of("rutland:customer-services:manager ", "rutland:*:dpo")));
    }

    @ParameterizedTest(name = "[{0}] grants nothing")
    @ValueSource(strings = {
            "rutland:customer-services:manager ",
            " rutland:customer-services:manager",
            "[rutland:customer-services:manager ]",
            "[ rutland:customer-services:manager]",
            "[\"rutland:customer-services:manager \"]",
            "[\" rutland:customer-services:manager\"]",
            "[\"rutland:customer-services:manager\\n\"]",
            "rutland:customer-services:manager,rutland:*:dpo",
            "rutland:customer-services:manager\u00a0",
            "rutland: customer-services :manager",
            "RUTLAND:customer-services:manager",
            "rutland:customer-services:Manager",
            "rutland:*:staff"
    })
    void fromClaims_whenAGroupIsNotExactlyOfTheScheme_grantsNothing(String groups) {
        assertThat(StaffMember.fromClaims(Map.of("sub", "u-1", "groups", groups)).orElseThrow().memberships()).isEmpty();
    }

    @ParameterizedTest(name = "[{0}] -> {1}")
    @MethodSource
    void groupsClaims(String claim, List<String> groups) {
        assertThat(GroupsClaim.parse(claim)).isEqualTo(groups);
    }

    @Test
    void membership_whenGroupIsOfAnotherSchemeOrMalformed_grantsNothing() {
        assertThat(Membership.parse("rutland:customer-services:manager")).contains(new Membership("rutland", "customer-services", Role.MANAGER));
        assertThat(Membership.parse("rutland:*:dpo")).contains(new Membership("rutland", "*", Role.DPO));
        assertThat(Membership.parse("rutland:*:manager")).isEmpty();
        assertThat(Membership.parse("rutland:customer-services:dpo")).isEmpty();
        assertThat(Membership.parse("Admins")).isEmpty();
        assertThat(Membership.parse("rutland:customer-services:owner")).isEmpty();
        assertThat(Membership.parse("Rutland:customer-services:manager")).isEmpty();
    }

    static Stream<Arguments> standings() {
        return Stream.of(
                Arguments.of("[rutland:customer-services:manager]", "rutland", "customer-services", Standing.MANAGER),
                Arguments.of("[rutland:*:dpo]", "rutland", "customer-services", Standing.DPO),
                Arguments.of("[rutland:*:dpo rutland:customer-services:manager]", "rutland", "customer-services", Standing.DPO),
                Arguments.of("[south-hams:*:dpo]", "rutland", "customer-services", Standing.NONE),
                Arguments.of("[newark-sherwood:housing-services:manager]", "newark-sherwood", "customer-services", Standing.NONE),
                Arguments.of("[rutland:customer-services:staff]", "rutland", "customer-services", Standing.TEAM_STAFF_NO_PLAYBACK),
                Arguments.of("[rutland:customer-services:staff]", "rutland", "housing-services", Standing.NONE),
                Arguments.of("[rotherham:contact-centre:staff]", "rotherham", "contact-centre", Standing.TEAM_STAFF),
                Arguments.of("[]", "rutland", "customer-services", Standing.NONE));
    }

    @ParameterizedTest(name = "{0} on {1}/{2} -> {3}")
    @MethodSource
    void standings(String groups, String council, String team, Standing standing) {
        StaffMember who = StaffMember.fromClaims(Map.of("sub", "u-1", "cognito:groups", groups)).orElseThrow();
        CouncilPolicy policy = POLICIES.council(council).orElseThrow();

        assertThat(who.standingOn(council, team, policy)).isEqualTo(standing);
    }

    @Test
    void fromClaims_whenThereIsNoSubject_isEmpty_andOtherwiseNamesThePerson() {
        assertThat(StaffMember.fromClaims(Map.of("cognito:groups", "[rutland:*:dpo]"))).isEmpty();
        StaffMember who = StaffMember.fromClaims(Map.of("sub", "u-2", "username", "jo.bloggs", "groups", "[\"rutland:*:dpo\"]")).orElseThrow();
        assertThat(who.name()).isEqualTo("jo.bloggs");
        assertThat(who.councils()).isEqualTo(Set.of("rutland"));
        assertThat(who.isDpoOf("rutland")).isTrue();
    }
}
