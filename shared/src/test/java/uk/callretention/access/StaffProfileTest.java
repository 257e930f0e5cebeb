package uk.callretention.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import uk.callretention.audit.InMemoryAuditLog;
import uk.callretention.policy.PolicyBook;

/** Which councils and teams a person's groups give them, and in which role, read against the bundled policies. */
class StaffProfileTest {

    private final StaffProfile profiles = new StaffProfile(PolicyBook.bundled(Map.of()), new InMemoryAuditLog(),
            Clock.fixed(Instant.parse("2026-05-01T09:00:00Z"), ZoneOffset.UTC));

    static Stream<Arguments> roles() {
        return Stream.of(
                // groups -> "council/team:role" for each team given, councils in order of id, teams in order of name
                Arguments.of("rutland:customer-services:manager", List.of("rutland/customer-services:MANAGER")),
                Arguments.of("rutland:customer-services:staff", List.of("rutland/customer-services:STAFF")),
                Arguments.of("rutland:customer-services:staff rutland:customer-services:manager", List.of("rutland/customer-services:MANAGER")),
                Arguments.of("rutland:customer-services:manager rutland:*:dpo", List.of("rutland/customer-services:DPO")),
                Arguments.of("newark-sherwood:*:dpo", List.of("newark-sherwood/careline-services:DPO", "newark-sherwood/customer-services:DPO",
                        "newark-sherwood/housing-services:DPO")),
                Arguments.of("south-hams:contact-centre:staff rotherham:contact-centre:manager",
                        List.of("rotherham/contact-centre:MANAGER", "south-hams/contact-centre:STAFF")),
                Arguments.of("atlantis:customer-services:manager", List.of()),
                Arguments.of("rutland:housing-services:manager", List.of()),
                Arguments.of("rutland:customer-services:owner", List.of()),
                Arguments.of("", List.of()));
    }

    @ParameterizedTest(name = "[{0}] -> {1}")
    @MethodSource
    void roles(String groups, List<String> expected) {
        StaffMember who = StaffMember.fromClaims(Map.of("sub", "s-1", "username", "someone", "cognito:groups", "[" + groups + "]")).orElseThrow();

        StaffProfile.Profile profile = ((Outcome.Done<StaffProfile.Profile>) profiles.of(who)).value();

        assertThat(profile.username()).isEqualTo("someone");
        assertThat(profile.councils().stream().flatMap(council -> council.teams().stream()
                .map(team -> council.council() + "/" + team.team() + ":" + team.role()))).containsExactlyElementsOf(expected);
        assertThat(profile.councils()).allSatisfy(council -> assertThat(council.dpo())
                .isEqualTo(Arrays.asList(groups.split(" ")).contains(council.council() + ":*:dpo")));
    }
}
