package uk.callretention.playback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import uk.callretention.access.AccessCatalogue;
import uk.callretention.access.AccessRequest;
import uk.callretention.access.AccessRequests;
import uk.callretention.aws.DynamoDbAccessRequests;
import uk.callretention.testsupport.LocalAws;
import uk.callretention.testsupport.LocalAwsExtension;

/** The approvers' list from the template's sparse index on the local server: pending requests alone, one council's. */
@ExtendWith(LocalAwsExtension.class)
class DynamoDbPendingAccessRequestsIntegrationTest {

    private static final Instant NINE = Instant.parse("2026-05-01T09:00:00Z");

    static LocalAws aws;
    private static DynamoDbAccessRequests requests;

    @BeforeAll
    static void requests() {
        requests = new DynamoDbAccessRequests(aws.clients().dynamoDb(), aws.stack().tableName("AccessRequestsTable"));
    }

    @Test
    void pending_listsTheCouncilsPendingRequestsNewestFirst_andNeitherDecidedOnesNorAnotherCouncils() {
        String council = council();
        AccessRequest older = filed(council, "complaints", NINE);
        AccessRequest decided = filed(council, "complaints", NINE.plusSeconds(60));
        AccessRequest newer = filed(council, "housing", NINE.plusMillis(120_500));
        filed(council() + "-other", "complaints", NINE.plusSeconds(180));
        assertThat(requests.decide(decided(decided))).isTrue();

        AccessRequests.PendingPage page = requests.pending(council, request -> true, 10, Optional.empty());

        assertThat(page.requests()).extracting(AccessRequest::requestId).containsExactly(newer.requestId(), older.requestId());
        assertThat(page.requests()).allSatisfy(request -> assertThat(request.status()).isEqualTo(AccessRequest.Status.PENDING));
        assertThat(page.nextPageToken()).isEmpty();
    }

    @Test
    void pending_showsOnlyWhatTheCallerMayDecide_aPageAtATime() {
        String council = council();
        AccessRequest first = filed(council, "complaints", NINE);
        filed(council, "housing", NINE.plusSeconds(1));
        AccessRequest second = filed(council, "complaints", NINE.plusSeconds(2));
        filed(council, "housing", NINE.plusSeconds(3));
        AccessRequest third = filed(council, "complaints", NINE.plusSeconds(4));

        AccessRequests.PendingPage one = requests.pending(council, request -> request.team().equals("complaints"), 2, Optional.empty());
        AccessRequests.PendingPage two = requests.pending(council, request -> request.team().equals("complaints"), 2, one.nextPageToken());

        assertThat(one.requests()).extracting(AccessRequest::requestId).containsExactly(third.requestId(), second.requestId());
        assertThat(two.requests()).extracting(AccessRequest::requestId).containsExactly(first.requestId());
        assertThat(two.nextPageToken()).isEmpty();
    }

    @Test
    void pending_withATokenItDidNotGive_isRefused() {
        assertThatThrownBy(() -> requests.pending(council(), request -> true, 10, Optional.of("not-a-token")))
                .isInstanceOf(AccessCatalogue.InvalidPageTokenException.class);
    }

    private static AccessRequest filed(String council, String team, Instant at) {
        AccessRequest request = new AccessRequest("rec-" + UUID.randomUUID(), "req-" + UUID.randomUUID(), council, team, "staff-1", "Sam",
                "complaint-investigation", "a complaint about this call", "CMP-1", AccessRequest.Status.PENDING, at, null, null, null, null);
        requests.add(request);
        return request;
    }

    private static AccessRequest decided(AccessRequest request) {
        return new AccessRequest(request.recordingId(), request.requestId(), request.council(), request.team(), request.requester(),
                request.requesterName(), request.purpose(), request.reason(), request.reference(), AccessRequest.Status.REFUSED,
                request.requestedAt(), "manager-1", NINE.plusSeconds(600), null, null);
    }

    private static String council() {
        return "council-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
