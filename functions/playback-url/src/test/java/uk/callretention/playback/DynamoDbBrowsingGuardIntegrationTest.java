package uk.callretention.playback;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import uk.callretention.access.BrowsingGuard.Place;
import uk.callretention.aws.DynamoDbBrowsingGuard;
import uk.callretention.testsupport.LocalAws;
import uk.callretention.testsupport.LocalAwsExtension;

/** The browsing guard's places in the template's table on the local server, at instants the test chooses. */
@ExtendWith(LocalAwsExtension.class)
class DynamoDbBrowsingGuardIntegrationTest {

    private static final Duration HOUR = Duration.ofHours(1);
    private static final Instant NINE = Instant.parse("2026-05-01T09:00:00Z");

    static LocalAws aws;
    private static DynamoDbBrowsingGuard guard;

    @BeforeAll
    static void guard() {
        guard = new DynamoDbBrowsingGuard(aws.clients().dynamoDb(), aws.stack().tableName("BrowsingGuardTable"));
    }

    @Test
    void takePlace_whenEveryPlaceHoldsALinkOfTheLastHour_isRefusedUntilTheOldestIsAnHourOld() {
        String person = "manager-" + UUID.randomUUID();
        assertThat(guard.takePlace(person, 3, HOUR, NINE).taken()).isTrue();
        assertThat(guard.takePlace(person, 3, HOUR, NINE.plusSeconds(600)).taken()).isTrue();
        assertThat(guard.takePlace(person, 3, HOUR, NINE.plusSeconds(1200)).taken()).isTrue();

        assertThat(guard.takePlace(person, 3, HOUR, NINE.plusSeconds(1800))).isEqualTo(Place.full(NINE.plus(HOUR).plusMillis(1)));
        assertThat(guard.takePlace(person, 3, HOUR, NINE.plus(HOUR))).as("a link issued exactly an hour ago still counts")
                .isEqualTo(Place.full(NINE.plus(HOUR).plusMillis(1)));
        assertThat(guard.takePlace(person, 3, HOUR, NINE.plus(HOUR).plusMillis(1)).taken()).isTrue();
        assertThat(guard.takePlace(person, 3, HOUR, NINE.plus(HOUR).plusSeconds(60))).as("the window slides: no new hour starts afresh")
                .isEqualTo(Place.full(NINE.plus(HOUR).plusSeconds(600).plusMillis(1)));
        assertThat(guard.takePlace(person, 3, HOUR, NINE.plus(HOUR).plusSeconds(601)).taken()).isTrue();
    }

    @Test
    void takePlace_whenAnotherPersonHasUsedTheirs_isTheirsAlone() {
        String busy = "manager-" + UUID.randomUUID();
        for (int i = 0; i < 2; i++) {
            guard.takePlace(busy, 2, HOUR, NINE);
        }

        assertThat(guard.takePlace(busy, 2, HOUR, NINE).taken()).isFalse();
        assertThat(guard.takePlace("manager-" + UUID.randomUUID(), 2, HOUR, NINE).taken()).isTrue();
    }
}
