package uk.callretention.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import uk.callretention.policy.RetentionDecision.Quarantine;
import uk.callretention.policy.RetentionDecision.Retain;
import uk.callretention.recording.Channel;
import uk.callretention.recording.QuarantineReason;

/** The retention schedule over the bundled policies; every expected date below was worked out by hand. */
class RetentionScheduleTest {

    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    private static final RetentionSchedule SCHEDULE = schedule(Map.of());

    @ParameterizedTest(name = "{0} {1} {2} at {3}")
    @CsvSource(delimiter = '|', textBlock = """
            # council          | team              | channel | recorded at (UTC)    | UK date    | class | expires on
            rutland             | customer-services | phone   | 2019-02-01T00:00:00Z | 2019-02-01 | P3M   | 2019-05-01
            rutland             | customer-services | phone   | 2025-01-31T12:00:00Z | 2025-01-31 | P3M   | 2025-04-30
            rutland             | customer-services | phone   | 2024-08-31T10:00:00Z | 2024-08-31 | P3M   | 2024-11-30
            rutland             | customer-services | phone   | 2024-02-29T12:00:00Z | 2024-02-29 | P3M   | 2024-05-29
            rutland             | customer-services | phone   | 2023-11-29T12:00:00Z | 2023-11-29 | P3M   | 2024-02-29
            # 23:30 UTC on 31 March 2025 is 00:30 BST on 1 April
            rutland             | customer-services | phone   | 2025-03-31T23:30:00Z | 2025-04-01 | P3M   | 2025-07-01
            south-hams          | contact-centre    | phone   | 2018-05-25T00:00:00Z | 2018-05-25 | P1M   | 2018-06-25
            south-hams          | contact-centre    | phone   | 2019-01-31T12:00:00Z | 2019-01-31 | P1M   | 2019-02-28
            south-hams          | contact-centre    | phone   | 2020-01-31T12:00:00Z | 2020-01-31 | P1M   | 2020-02-29
            south-hams          | contact-centre    | phone   | 2020-07-14T12:00:00Z | 2020-07-14 | P1M   | 2020-08-14
            south-hams          | contact-centre    | phone   | 2020-07-14T22:59:59Z | 2020-07-14 | P1M   | 2020-08-14
            # 23:30 UTC on 14 July 2020 is 00:30 BST on 15 July, the day the 3-month rule began
            south-hams          | contact-centre    | phone   | 2020-07-14T23:30:00Z | 2020-07-15 | P3M   | 2020-10-15
            south-hams          | contact-centre    | phone   | 2020-07-15T12:00:00Z | 2020-07-15 | P3M   | 2020-10-15
            south-hams          | contact-centre    | phone   | 2024-08-31T12:00:00Z | 2024-08-31 | P3M   | 2024-11-30
            # 23:00 UTC on 31 March 2019 is midnight BST on 1 April, the notice's date
            contact-centre-2019 | contact-centre    | phone   | 2019-03-31T23:00:00Z | 2019-04-01 | P18M  | 2020-10-01
            contact-centre-2019 | contact-centre    | phone   | 2024-02-29T12:00:00Z | 2024-02-29 | P18M  | 2025-08-29
            contact-centre-2019 | contact-centre    | phone   | 2022-08-29T12:00:00Z | 2022-08-29 | P18M  | 2024-02-29
            contact-centre-2019 | contact-centre    | phone   | 2023-08-31T12:00:00Z | 2023-08-31 | P18M  | 2025-02-28
            # New Year's Eve is in GMT: 23:30 UTC is still 31 December
            contact-centre-2019 | contact-centre    | phone   | 2024-12-31T23:30:00Z | 2024-12-31 | P18M  | 2026-06-30
            newark-sherwood     | customer-services | phone   | 2021-12-01T00:00:00Z | 2021-12-01 | P40D  | 2022-01-10
            newark-sherwood     | housing-services  | phone   | 2023-06-15T09:00:00Z | 2023-06-15 | P40D  | 2023-07-25
            newark-sherwood     | careline-services | phone   | 2024-02-29T12:00:00Z | 2024-02-29 | P40D  | 2024-04-09
            newark-sherwood     | customer-services | webchat | 2022-02-23T09:00:00Z | 2022-02-23 | P40D  | 2022-04-04
            # BST ends at 01:00 UTC on 26 October 2025: before it 22:59:59 UTC is 23:59:59 on the 25th ...
            newark-sherwood     | housing-services  | webchat | 2025-10-25T22:59:59Z | 2025-10-25 | P40D  | 2025-12-04
            newark-sherwood     | housing-services  | webchat | 2025-10-25T23:30:00Z | 2025-10-26 | P40D  | 2025-12-05
            # ... and after it UTC and UK dates agree again
            newark-sherwood     | customer-services | phone   | 2025-10-26T23:30:00Z | 2025-10-26 | P40D  | 2025-12-05
            rotherham           | contact-centre    | phone   | 2025-01-31T12:00:00Z | 2025-01-31 | P6M   | 2025-07-31
            rotherham           | contact-centre    | phone   | 2025-08-31T12:00:00Z | 2025-08-31 | P6M   | 2026-02-28
            """)
    void decide_whenRecordingIsCovered_retainsUntilCalendarExpiry(
            String council, String team, String channel, Instant recordedAt, LocalDate recordedOn, String retentionClass, LocalDate expiresOn) {
        RetentionDecision decision = SCHEDULE.decide(council, team, channel, recordedAt);

        assertThat(decision).isEqualTo(new Retain(
                council, team, Channel.fromId(channel).orElseThrow(), recordedOn, retentionClass, expiresOn, council + "@1"));
    }

    @ParameterizedTest(name = "{4}: {0} {1} {2} at {3}")
    @CsvSource(delimiter = '|', textBlock = """
            atlantis            | contact-centre    | phone   | 2025-01-01T12:00:00Z | UNKNOWN_COUNCIL
            rutland             | customer-services | webchat | 2025-01-01T12:00:00Z | UNKNOWN_CHANNEL
            rutland             | customer-services | fax     | 2025-01-01T12:00:00Z | UNKNOWN_CHANNEL
            rutland             | customer-services | PHONE   | 2025-01-01T12:00:00Z | UNKNOWN_CHANNEL
            rutland             | housing           | phone   | 2025-01-01T12:00:00Z | UNKNOWN_TEAM
            newark-sherwood     | careline-services | webchat | 2025-01-01T12:00:00Z | UNKNOWN_TEAM
            newark-sherwood     | customer-services | phone   | 2021-11-30T23:59:59Z | BEFORE_RECORDING_BEGAN
            newark-sherwood     | customer-services | webchat | 2022-02-22T12:00:00Z | BEFORE_RECORDING_BEGAN
            newark-sherwood     | housing-services  | webchat | 2022-02-22T23:59:59Z | BEFORE_RECORDING_BEGAN
            contact-centre-2019 | contact-centre    | phone   | 2019-03-31T22:59:59Z | BEFORE_RECORDING_BEGAN
            south-hams          | contact-centre    | phone   | 2018-05-24T22:59:59Z | BEFORE_RECORDING_BEGAN
            rutland             | customer-services | phone   | 2026-03-01T12:05:01Z | RECORDED_IN_FUTURE
            rutland             | customer-services | phone   | 2027-01-01T00:00:00Z | RECORDED_IN_FUTURE
            """)
    void decide_whenRecordingCannotBeClassified_quarantinesWithReason(
            String council, String team, String channel, Instant recordedAt, QuarantineReason reason) {
        RetentionDecision decision = SCHEDULE.decide(council, team, channel, recordedAt);

        assertThat(decision).isInstanceOfSatisfying(Quarantine.class, quarantine -> {
            assertThat(quarantine.reason()).isEqualTo(reason);
            assertThat(quarantine.detail()).isNotBlank();
        });
    }

    @Test
    void decide_whenRecordedWithinClockSkewOfNow_retains() {
        RetentionDecision decision = SCHEDULE.decide("rutland", "customer-services", "phone", NOW.plus(RetentionSchedule.CLOCK_SKEW));

        assertThat(decision).isInstanceOfSatisfying(Retain.class,
                retain -> assertThat(retain.expiresOn()).isEqualTo(LocalDate.of(2026, 6, 1)));
    }

    @ParameterizedTest(name = "RETENTION_PERIOD_ROTHERHAM=''{0}''")
    @CsvSource(delimiter = '|', textBlock = """
            P1M  | P1M  | 2025-02-28
            P12M | P12M | 2026-01-31
            P24M | P24M | 2027-01-31
            ''   | P6M  | 2025-07-31
            """)
    void decide_whenRotherhamSettingGiven_usesIt(String setting, String retentionClass, LocalDate expiresOn) {
        RetentionSchedule schedule = schedule(Map.of("RETENTION_PERIOD_ROTHERHAM", setting));

        RetentionDecision decision = schedule.decide("rotherham", "contact-centre", "phone", Instant.parse("2025-01-31T12:00:00Z"));

        assertThat(decision).isEqualTo(new Retain("rotherham", "contact-centre", Channel.PHONE, LocalDate.of(2025, 1, 31),
                retentionClass, expiresOn, "rotherham@1"));
    }

    @ParameterizedTest(name = "RETENTION_PERIOD_ROTHERHAM=''{0}''")
    @CsvSource({"P5M", "six months", "P0D", "PT6H"})
    void bundled_whenRotherhamSettingInvalid_failsNamingTheSetting(String setting) {
        assertThatThrownBy(() -> PolicyBook.bundled(Map.of("RETENTION_PERIOD_ROTHERHAM", setting)))
                .isInstanceOf(PolicyValidationException.class)
                .hasMessageContaining("policies/rotherham.yaml:")
                .hasMessageContaining("retention[0].period.setting: the setting RETENTION_PERIOD_ROTHERHAM is '" + setting + "'")
                .hasMessageContaining("P1M, P3M, P6M, P12M, P18M, P24M");
    }

    private static RetentionSchedule schedule(Map<String, String> settings) {
        return new RetentionSchedule(PolicyBook.bundled(settings), Clock.fixed(NOW, ZoneOffset.UTC));
    }
}
