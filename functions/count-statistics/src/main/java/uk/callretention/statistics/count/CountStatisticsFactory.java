package uk.callretention.statistics.count;

import java.time.Clock;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import uk.callretention.access.CouncilStatistics;
import uk.callretention.aws.AwsClients;
import uk.callretention.aws.DynamoDbCatalogue;
import uk.callretention.aws.DynamoDbAuditLog;
import uk.callretention.aws.DynamoDbHolds;
import uk.callretention.aws.DynamoDbStatistics;
import uk.callretention.policy.PolicyBook;
import uk.callretention.statistics.DailyCounting;

/**
 * The two functions' production wiring, each with only what it uses (and its role allows): the count reads the
 * indexes and writes the statistics table; the API reads the statistics table and writes the audit trail.
 */
final class CountStatisticsFactory {

    private CountStatisticsFactory() {
    }

    static DailyCounting counting(Map<String, String> environment, Clock clock) {
        DynamoDbClient dynamoDb = AwsClients.fromEnvironment(environment).dynamoDb();
        return new DailyCounting(PolicyBook.bundled(environment), new DynamoDbAuditLog(dynamoDb, AwsClients.require(environment, "AUDIT_TABLE")),
                new DynamoDbCatalogue(dynamoDb, AwsClients.require(environment, "CATALOGUE_TABLE")),
                new DynamoDbHolds(dynamoDb, AwsClients.require(environment, "HOLDS_TABLE")), statisticsTable(dynamoDb, environment), clock);
    }

    static CouncilStatistics statistics(Map<String, String> environment, Clock clock) {
        DynamoDbClient dynamoDb = AwsClients.fromEnvironment(environment).dynamoDb();
        return new CouncilStatistics(PolicyBook.bundled(environment), statisticsTable(dynamoDb, environment),
                new DynamoDbAuditLog(dynamoDb, AwsClients.require(environment, "AUDIT_TABLE")), clock);
    }

    private static DynamoDbStatistics statisticsTable(DynamoDbClient dynamoDb, Map<String, String> environment) {
        return new DynamoDbStatistics(dynamoDb, AwsClients.require(environment, "STATISTICS_TABLE"));
    }
}
