package uk.callretention.aws;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import org.junit.jupiter.api.Test;

class AwsClientsTest {

    private final AwsClients clients = AwsClients.fromEnvironment(Map.of("AWS_REGION", "eu-west-2",
            "AWS_ACCESS_KEY_ID", "test", "AWS_SECRET_ACCESS_KEY", "test", "AWS_ENDPOINT_URL", "http://127.0.0.1:9"));

    @Test
    void clients_whenAskedAgain_areTheOnesBuiltFirst() {
        assertThat(clients.s3()).isSameAs(clients.s3());
        assertThat(clients.s3Presigner()).isSameAs(clients.s3Presigner());
        assertThat(clients.s3Control()).isSameAs(clients.s3Control());
        assertThat(clients.dynamoDb()).isSameAs(clients.dynamoDb());
        assertThat(clients.secretsManager()).isSameAs(clients.secretsManager());
    }

    @Test
    void clients_forManyCallsAtOnce_areTheirOwn() {
        AwsClients pooled = clients.forManyCallsAtOnce(UrlConnectionHttpClient.create());

        assertThat(pooled.dynamoDb()).isNotSameAs(clients.dynamoDb());
    }
}
