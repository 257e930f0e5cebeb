package uk.callretention.local.aws;

import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import uk.callretention.local.template.PseudoParameters;

/** SDK clients for every service the local server provides, all pointed at its one endpoint. */
public final class LocalAwsClients implements AutoCloseable {
    public static final Region REGION = Region.of(PseudoParameters.LOCAL_REGION);
    /** Local servers accept any key; these are the values the local runtime hands to functions too. */
    public static final String ACCESS_KEY_ID = "test";
    public static final String SECRET_ACCESS_KEY = "test";

    private final URI endpoint;
    private final SdkHttpClient http;
    private final S3Client s3;
    private final SqsClient sqs;
    private final DynamoDbClient dynamoDb;
    private final SecretsManagerClient secretsManager;
    private final CognitoIdentityProviderClient cognito;

    private LocalAwsClients(URI endpoint) {
        this.endpoint = endpoint;
        this.http = UrlConnectionHttpClient.create();
        AwsCredentialsProvider credentials = credentials();
        // Path-style because moto answers bucket names in the path; checksums only when required, as moto and S3Proxy predate the SDK's default CRC32 on every upload.
        this.s3 = S3Client.builder().endpointOverride(endpoint).region(REGION).credentialsProvider(credentials).httpClient(http)
                .forcePathStyle(true).requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED).build();
        this.sqs = SqsClient.builder().endpointOverride(endpoint).region(REGION).credentialsProvider(credentials).httpClient(http).build();
        this.dynamoDb = DynamoDbClient.builder().endpointOverride(endpoint).region(REGION).credentialsProvider(credentials).httpClient(http).build();
        this.secretsManager = SecretsManagerClient.builder().endpointOverride(endpoint).region(REGION).credentialsProvider(credentials).httpClient(http).build();
        this.cognito = CognitoIdentityProviderClient.builder().endpointOverride(endpoint).region(REGION).credentialsProvider(credentials).httpClient(http).build();
    }

    public static LocalAwsClients forEndpoint(URI endpoint) {
        return new LocalAwsClients(endpoint);
    }

    public static AwsCredentialsProvider credentials() {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY_ID, SECRET_ACCESS_KEY));
    }

    public URI endpoint() {
        return endpoint;
    }

    public S3Client s3() {
        return s3;
    }

    public SqsClient sqs() {
        return sqs;
    }

    public DynamoDbClient dynamoDb() {
        return dynamoDb;
    }

    public SecretsManagerClient secretsManager() {
        return secretsManager;
    }

    public CognitoIdentityProviderClient cognito() {
        return cognito;
    }

    @Override
    public void close() {
        s3.close();
        sqs.close();
        dynamoDb.close();
        secretsManager.close();
        cognito.close();
        // Shared by the clients above, which therefore leave it open.
        http.close();
    }
}
