package uk.callretention.aws;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.services.s3control.S3ControlClient;
import software.amazon.awssdk.services.s3control.endpoints.S3ControlEndpointProvider;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * The SDK clients a function needs, configured from its environment: each built on its first use, then the same one
 * for every later use, so that a function wired at class initialisation builds each client once however many
 * repositories share it.
 *
 * <p>The environment is passed in rather than read from {@code System.getenv()} so that the local runtime
 * and tests can run several functions in one JVM, each with the environment the template gives it.
 * {@code AWS_ENDPOINT_URL} points every client at a local server; in Lambda it is absent. {@code AWS_ENDPOINT_URL_S3_CONTROL}
 * points S3 Control (batch jobs) elsewhere, as the SDKs' per-service endpoint variables do: the local server (moto)
 * runs no batch jobs, the local runtime does.
 */
public final class AwsClients {

    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(20);
    private static final Duration ATTEMPT_TIMEOUT = Duration.ofSeconds(5);

    private final Region region;
    private final URI endpoint;
    private final URI s3ControlEndpoint;
    private final AwsCredentialsProvider credentials;
    private final SdkHttpClient http;
    private final RetryMode retryMode;
    // Each built on first use (under this lock: a sweep's workers may ask at once), not here: a function whose jar leaves a
    // service's SDK module out (expire-recordings has no Secrets Manager) never loads that client's class.
    private S3Client s3;
    private S3Presigner s3Presigner;
    private S3ControlClient s3Control;
    private DynamoDbClient dynamoDb;
    private SecretsManagerClient secretsManager;

    private AwsClients(Region region, URI endpoint, URI s3ControlEndpoint, AwsCredentialsProvider credentials, SdkHttpClient http,
                       RetryMode retryMode) {
        this.region = region;
        this.endpoint = endpoint;
        this.s3ControlEndpoint = s3ControlEndpoint == null ? endpoint : s3ControlEndpoint;
        this.credentials = credentials;
        this.http = http;
        this.retryMode = retryMode;
    }

    public static AwsClients fromEnvironment(Map<String, String> environment) {
        return fromEnvironment(environment, UrlConnectionHttpClient.builder()
                .connectionTimeout(Duration.ofSeconds(2))
                .socketTimeout(Duration.ofSeconds(10))
                .build());
    }

    /** The clients the environment configures, over {@code http}: a function's priming clients, which send nothing ({@link SnapStartPriming}). */
    public static AwsClients fromEnvironment(Map<String, String> environment, SdkHttpClient http) {
        String region = require(environment, "AWS_REGION");
        return new AwsClients(Region.of(region), uri(environment.get("AWS_ENDPOINT_URL")), uri(environment.get("AWS_ENDPOINT_URL_S3_CONTROL")),
                credentialsFrom(environment), http, null);
    }

    /**
     * Clients for a function that makes many calls at once: over {@code pooled}, an HTTP client that keeps open as
     * many connections as there are calls at once (the default client keeps only {@code http.maxConnections}, five,
     * and would open a new connection for most calls), and with the SDK's adaptive retries, which also slow every
     * call of a client down while its service throttles.
     */
    public AwsClients forManyCallsAtOnce(SdkHttpClient pooled) {
        return new AwsClients(region, endpoint, s3ControlEndpoint, credentials, pooled, RetryMode.ADAPTIVE_V2);
    }

    private static URI uri(String endpoint) {
        return endpoint == null || endpoint.isBlank() ? null : URI.create(endpoint);
    }

    public static String require(Map<String, String> environment, String name) {
        String value = environment.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("environment variable " + name + " is not set");
        }
        return value;
    }

    public synchronized S3Client s3() {
        if (s3 == null) {
            s3 = buildS3();
        }
        return s3;
    }

    private S3Client buildS3() {
        return configured(S3Client.builder()
                // Local servers are addressed by path; AWS by virtual host, its default.
                .forcePathStyle(endpoint != null)
                // Checksums on every request would add a trailer that some local servers reject; S3 requires none we send.
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED));
    }

    public synchronized S3Presigner s3Presigner() {
        if (s3Presigner == null) {
            s3Presigner = buildS3Presigner();
        }
        return s3Presigner;
    }

    private S3Presigner buildS3Presigner() {
        var builder = S3Presigner.builder().region(region).credentialsProvider(credentials);
        if (endpoint != null) {
            builder.endpointOverride(endpoint)
                    .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build());
        }
        return builder.build();
    }

    /**
     * S3 Control, for S3 Batch Operations jobs. AWS addresses it at {@code <account-id>.s3-control.<region>...}; an
     * overridden endpoint is one local server, addressed as given. The SDK's endpoint rules put the account id in front
     * of an overridden host too ({@code 123456789012.127.0.0.1}), and disabling host-prefix injection does not stop
     * them, so the rules' answer keeps its signing properties and takes the override's URL.
     */
    public synchronized S3ControlClient s3Control() {
        if (s3Control == null) {
            s3Control = buildS3Control();
        }
        return s3Control;
    }

    private S3ControlClient buildS3Control() {
        var builder = S3ControlClient.builder().region(region).credentialsProvider(credentials).httpClient(http).overrideConfiguration(overrides());
        if (s3ControlEndpoint != null) {
            S3ControlEndpointProvider rules = S3ControlEndpointProvider.defaultProvider();
            builder.endpointOverride(s3ControlEndpoint)
                    .endpointProvider(parameters -> rules.resolveEndpoint(parameters).thenApply(resolved -> resolved.toBuilder().url(s3ControlEndpoint).build()));
        }
        return builder.build();
    }

    public synchronized DynamoDbClient dynamoDb() {
        if (dynamoDb == null) {
            dynamoDb = configured(DynamoDbClient.builder());
        }
        return dynamoDb;
    }

    public synchronized SecretsManagerClient secretsManager() {
        if (secretsManager == null) {
            secretsManager = configured(SecretsManagerClient.builder());
        }
        return secretsManager;
    }

    /**
     * Any other client, configured as these are, built anew on each call: for a service only one function calls, whose SDK
     * module stays out of the other functions' jars (e.g. the dead-letter queue's SQS client in tag-recording).
     */
    public <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C configured(B builder) {
        builder.region(region).credentialsProvider(credentials).httpClient(http).overrideConfiguration(overrides());
        if (endpoint != null) {
            builder.endpointOverride(endpoint);
        }
        return builder.build();
    }

    private ClientOverrideConfiguration overrides() {
        ClientOverrideConfiguration.Builder overrides = ClientOverrideConfiguration.builder()
                .apiCallTimeout(CALL_TIMEOUT)
                .apiCallAttemptTimeout(ATTEMPT_TIMEOUT);
        if (retryMode != null) {
            overrides.retryStrategy(retryMode);
        }
        return overrides.build();
    }

    /**
     * Keys given in the environment win (the local runtime sets them per function); otherwise the default chain,
     * which under SnapStart reads the container credentials Lambda provides after restore.
     */
    private static AwsCredentialsProvider credentialsFrom(Map<String, String> environment) {
        String keyId = environment.get("AWS_ACCESS_KEY_ID");
        String secret = environment.get("AWS_SECRET_ACCESS_KEY");
        if (keyId == null || secret == null) {
            return DefaultCredentialsProvider.builder().build();
        }
        String token = environment.get("AWS_SESSION_TOKEN");
        return StaticCredentialsProvider.create(token == null
                ? AwsBasicCredentials.create(keyId, secret)
                : AwsSessionCredentials.create(keyId, secret, token));
    }
}
