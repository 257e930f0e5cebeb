package uk.callretention.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import uk.callretention.recording.Channel;

class PolicyBookTest {

    private static final PolicyBook BUNDLED = PolicyBook.bundled(Map.of());

    @Test
    void bundled_whenBuilt_holdsEveryCouncilOfTheRepository() {
        PolicyBook repository = PolicyBook.load(Path.of("../policies"), Map.of());

        assertThat(BUNDLED.councils()).extracting(CouncilPolicy::id)
                .containsExactly("contact-centre-2019", "newark-sherwood", "rotherham", "rutland", "south-hams");
        assertThat(BUNDLED.councils()).isEqualTo(repository.councils());
    }

    @Test
    void council_whenUnknown_isEmpty() {
        assertThat(BUNDLED.council("atlantis")).isEmpty();
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', textBlock = """
            rutland             | phone   | customer-services                                     | 2019-02-01
            south-hams          | phone   | contact-centre                                        | 2018-05-25
            contact-centre-2019 | phone   | contact-centre                                        | 2019-04-01
            newark-sherwood     | phone   | customer-services housing-services careline-services  | 2021-12-01
            newark-sherwood     | webchat | customer-services housing-services                    | 2022-02-23
            rotherham           | phone   | contact-centre                                        | 2018-05-25
            """)
    void council_whenBundled_coversItsNoticesTeamsFromRecordingBegan(String id, String channel, String teams, LocalDate began) {
        CouncilPolicy council = BUNDLED.council(id).orElseThrow();
        Map<String, Team> covered = council.channels().get(Channel.fromId(channel).orElseThrow());

        assertThat(covered.keySet()).containsExactlyInAnyOrder(teams.split(" "));
        assertThat(covered.values()).extracting(Team::recordingBegan).containsOnly(began);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            rutland             | phone         | quality-assurance training complaint safeguarding police-request fraud-prevention legal-claim subject-access | complaint-or-dispute safeguarding police legal-claim subject-access | false
            south-hams          | phone         | quality-assurance training complaint dispute legal-claim staff-safety police-request fraud-prevention subject-access | complaint-or-dispute legal-claim staff-safety police subject-access | false
            contact-centre-2019 | phone         | quality-assurance training complaint dispute legal-claim staff-safety police-request safeguarding subject-access | complaint-or-dispute legal-claim staff-safety police safeguarding subject-access | false
            newark-sherwood     | phone webchat | quality-assurance training complaint police-request fraud-prevention staff-safety safeguarding subject-access | complaint-or-dispute police staff-safety subject-access | false
            rotherham           | phone         | quality-assurance training complaint staff-safety police-request subject-access | complaint-or-dispute staff-safety police subject-access | true
            """)
    void council_whenBundled_exposesWhatPlaybackAndHoldsNeed(
            String id, String channels, String purposes, String holdReasons, boolean accessRequestsRequired) {
        CouncilPolicy council = BUNDLED.council(id).orElseThrow();

        assertThat(council.channels().keySet()).extracting(Channel::id).containsExactlyInAnyOrder(channels.split(" "));
        assertThat(council.purposes()).extracting(Purpose::id).containsExactlyInAnyOrder(purposes.split(" "));
        assertThat(council.holdReasons()).extracting(HoldReason::id).containsExactlyInAnyOrder(holdReasons.split(" "));
        assertThat(council.playback()).isEqualTo(new Playback(Duration.ofMinutes(5), 20, accessRequestsRequired));
        assertThat(council.ref()).isEqualTo(id + "@1");
        assertThat(council.latestHoldReview(LocalDate.of(2026, 12, 2))).as("the default interval: twelve months").isEqualTo(LocalDate.of(2027, 12, 2));
    }

    @Test
    void council_whenSouthHams_changesPeriodOn15July2020() {
        CouncilPolicy southHams = BUNDLED.council("south-hams").orElseThrow();

        assertThat(southHams.ruleInForce(Channel.PHONE, "contact-centre", LocalDate.of(2020, 7, 14)))
                .map(rule -> rule.period().id()).contains("P1M");
        assertThat(southHams.ruleInForce(Channel.PHONE, "contact-centre", LocalDate.of(2020, 7, 15)))
                .map(rule -> rule.period().id()).contains("P3M");
    }

    @Test
    void retentionClasses_whenBundled_includeEveryValueASettingAllows() {
        Set<String> fromSetting = RetentionClass.SETTABLE.stream().map(RetentionClass::id).collect(Collectors.toSet());

        assertThat(BUNDLED.retentionClasses()).extracting(RetentionClass::id)
                .containsExactly("P1M", "P40D", "P3M", "P6M", "P12M", "P18M", "P24M")
                .containsAll(fromSetting);
    }

    @Test
    void retentionClasses_whenSettingChosen_areTheSame() {
        PolicyBook withSetting = PolicyBook.bundled(Map.of("RETENTION_PERIOD_ROTHERHAM", "P12M"));

        assertThat(withSetting.retentionClasses()).isEqualTo(BUNDLED.retentionClasses());
    }

    @Test
    void purposesAndHoldReasons_whenNamed_useLowerCaseHyphenatedIds() {
        assertThat(Arrays.stream(Purpose.values()).map(Purpose::id)).allMatch(id -> id.matches("[a-z]+(-[a-z]+)*"));
        assertThat(Arrays.stream(HoldReason.values()).map(HoldReason::id)).allMatch(id -> id.matches("[a-z]+(-[a-z]+)*"));
        assertThat(Purpose.fromId("staff-safety")).contains(Purpose.STAFF_SAFETY);
        assertThat(HoldReason.fromId("police")).contains(HoldReason.POLICE);
    }
}
