package uk.callretention.systemtests.local.handlers;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Where the test handlers write down what they were given. They run in the runtime's function class loader, not
 * the test's, so the table in local AWS (built from the environment the runtime passes) is how a test sees it.
 */
public final class Results {
    private final DynamoDbClient dynamoDb;
    private final String table;

    public Results(Map<String, String> environment) {
        this.table = environment.get("RESULTS_TABLE");
        this.dynamoDb = DynamoDbClient.builder()
                .endpointOverride(URI.create(environment.get("AWS_ENDPOINT_URL")))
                .region(Region.of(environment.get("AWS_REGION")))
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(environment.get("AWS_ACCESS_KEY_ID"), environment.get("AWS_SECRET_ACCESS_KEY"))))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    public void put(String id, Map<String, String> attributes) {
        Map<String, AttributeValue> item = new LinkedHashMap<>();
        item.put("id", AttributeValue.fromS(id));
        attributes.forEach((name, value) -> item.put(name, AttributeValue.fromS(value)));
        dynamoDb.putItem(request -> request.tableName(table).item(item));
    }
}
