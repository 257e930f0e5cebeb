package uk.callretention.playback;

import java.io.PrintStream;
import java.time.Clock;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import uk.callretention.access.AccessCatalogue;
import uk.callretention.access.AccessRequestDesk;
import uk.callretention.access.AccessRequests;
import uk.callretention.access.AuditTrail;
import uk.callretention.access.CallSearch;
import uk.callretention.access.PlaybackService;
import uk.callretention.access.RecordingDetails;
import uk.callretention.access.RecordingListing;
import uk.callretention.access.StaffProfile;
import uk.callretention.access.SubjectAccess;
import uk.callretention.audit.AuditLog;
import uk.callretention.aws.AwsClients;
import uk.callretention.aws.CallerHashKey;
import uk.callretention.aws.DynamoDbCatalogue;
import uk.callretention.aws.DynamoDbAccessRequests;
import uk.callretention.aws.DynamoDbAuditLog;
import uk.callretention.aws.DynamoDbBrowsingGuard;
import uk.callretention.aws.DynamoDbHolds;
import uk.callretention.aws.S3PlaybackLinks;
import uk.callretention.aws.SnapStartPriming;
import uk.callretention.observability.LogLine;
import uk.callretention.policy.PolicyBook;

/** The function's production wiring, in one place: clients built once, at initialisation, where SnapStart keeps them. */
record PlaybackUrlFactory(PlaybackService playback, RecordingListing listing, CallSearch callSearch, SubjectAccess subjectAccess,
                          AccessRequestDesk accessRequests, AuditTrail auditTrail, StaffProfile profile,
                          RecordingDetails details, LogLine log, SnapStartPriming snapStart) {

    static PlaybackUrlFactory fromEnvironment(Map<String, String> environment, PrintStream out) {
        return wired(AwsClients.fromEnvironment(environment), environment, out);
    }

    /** @param clients the function's own, or the priming clients its SnapStart priming wires a second handler with */
    static PlaybackUrlFactory wired(AwsClients clients, Map<String, String> environment, PrintStream out) {
        DynamoDbClient dynamoDb = clients.dynamoDb();
        Clock clock = Clock.systemUTC();
        PolicyBook policies = PolicyBook.bundled(environment);
        AccessCatalogue catalogue = new DynamoDbCatalogue(dynamoDb, AwsClients.require(environment, "CATALOGUE_TABLE"));
        AuditLog audit = new DynamoDbAuditLog(dynamoDb, AwsClients.require(environment, "AUDIT_TABLE"));
        AccessRequests requests = new DynamoDbAccessRequests(dynamoDb, AwsClients.require(environment, "ACCESS_REQUESTS_TABLE"));
        // Read, and its client built, when subject access first needs it, not here: see CallerHashKey.
        CallerHashKey callerHashKey = new CallerHashKey(clients::secretsManager, AwsClients.require(environment, "CALLER_HASH_SECRET_ARN"));
        S3PlaybackLinks links = new S3PlaybackLinks(clients.s3Presigner(), AwsClients.require(environment, "RECORDINGS_BUCKET"));
        return new PlaybackUrlFactory(
                new PlaybackService(policies, catalogue, requests, links, audit,
                        new DynamoDbBrowsingGuard(dynamoDb, AwsClients.require(environment, "BROWSING_GUARD_TABLE")), clock),
                new RecordingListing(policies, catalogue, audit, clock),
                new CallSearch(catalogue, audit, clock),
                new SubjectAccess(catalogue, callerHashKey.callerHash(), audit, clock),
                new AccessRequestDesk(policies, catalogue, requests, audit, clock),
                new AuditTrail(policies, catalogue, audit, clock),
                new StaffProfile(policies, audit, clock),
                new RecordingDetails(policies, catalogue, new DynamoDbHolds(dynamoDb, AwsClients.require(environment, "HOLDS_TABLE")), audit, clock),
                new LogLine(out, clock),
                new SnapStartPriming(() -> PlaybackUrlPriming.usualRequest(environment, PlaybackUrlPriming.aws())).forgetting(callerHashKey));
    }
}
