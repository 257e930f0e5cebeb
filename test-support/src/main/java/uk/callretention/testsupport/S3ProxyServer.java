package uk.callretention.testsupport;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignRequest;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import uk.callretention.local.aws.LocalAwsClients;

/**
 * S3Proxy embedded on 127.0.0.1 with an in-memory store and real AWS signature checks, for tests of presigned
 * URLs: unlike moto it refuses a URL whose signature was altered or whose lifetime has passed.
 */
public final class S3ProxyServer implements AutoCloseable {
    public static final String ACCESS_KEY_ID = "s3proxy-identity";
    public static final String SECRET_ACCESS_KEY = "s3proxy-credential";

    private final BlobStoreContext blobStore;
    private final S3Proxy proxy;
    private final URI endpoint;
    private final S3Client client;
    private final S3Presigner presigner;

    private S3ProxyServer(BlobStoreContext blobStore, S3Proxy proxy) {
        this.blobStore = blobStore;
        this.proxy = proxy;
        this.endpoint = URI.create("http://127.0.0.1:" + proxy.getPort());
        // Path-style, and checksums only when an operation requires one: S3Proxy predates the SDK's default checksums.
        // us-east-1 because in any other region the SDK sends CreateBucket a location constraint that S3Proxy's in-memory store refuses.
        this.client = S3Client.builder().endpointOverride(endpoint).region(Region.US_EAST_1).credentialsProvider(credentials())
                .httpClient(UrlConnectionHttpClient.create()).forcePathStyle(true)
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED).build();
        // S3Proxy checks a signature against whatever region it names, so URLs presigned in the functions' region work.
        this.presigner = S3Presigner.builder().endpointOverride(endpoint).region(LocalAwsClients.REGION).credentialsProvider(credentials())
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build()).build();
    }

    /** Starts on a free loopback port. */
    public static S3ProxyServer start() {
        BlobStoreContext blobStore = ContextBuilder.newBuilder("transient").credentials(ACCESS_KEY_ID, SECRET_ACCESS_KEY).build(BlobStoreContext.class);
        S3Proxy proxy = S3Proxy.builder().blobStore(blobStore.getBlobStore()).endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY_ID, SECRET_ACCESS_KEY).build();
        try {
            proxy.start();
            return new S3ProxyServer(blobStore, proxy);
        } catch (Exception e) {
            blobStore.close();
            throw new IllegalStateException("S3Proxy did not start: " + e.getMessage(), e);
        }
    }

    public URI endpoint() {
        return endpoint;
    }

    public static AwsCredentialsProvider credentials() {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY_ID, SECRET_ACCESS_KEY));
    }

    /** An S3 client for this server, path-style, checksums only when required, in us-east-1 so that CreateBucket works. */
    public S3Client client() {
        return client;
    }

    /** A presigner with the same endpoint and credentials as {@link #client()}, signing for eu-west-2 as the functions do. */
    public S3Presigner presigner() {
        return presigner;
    }

    /**
     * The same presigned GET, with the same lifetime, as if it had been signed {@code ago} earlier: a test of expiry
     * moves the signing clock back instead of waiting for the lifetime to pass.
     */
    public URI signedEarlier(URI presigned, Duration ago) {
        SdkHttpRequest.Builder unsigned = SdkHttpRequest.builder().method(SdkHttpMethod.GET).uri(presigned).clearQueryParameters();
        Duration lifetime = null;
        for (String parameter : presigned.getRawQuery().split("&")) {
            String name = URLDecoder.decode(parameter.substring(0, parameter.indexOf('=')), StandardCharsets.UTF_8);
            String value = URLDecoder.decode(parameter.substring(parameter.indexOf('=') + 1), StandardCharsets.UTF_8);
            if (name.equals("X-Amz-Expires")) {
                lifetime = Duration.ofSeconds(Long.parseLong(value));
            } else if (!name.startsWith("X-Amz-")) {
                unsigned.appendRawQueryParameter(name, value);
            }
        }
        return AwsV4HttpSigner.create().sign(SignRequest.builder(credentials().resolveCredentials()).request(unsigned.build())
                        .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "s3")
                        .putProperty(AwsV4HttpSigner.REGION_NAME, LocalAwsClients.REGION.id())
                        .putProperty(AwsV4HttpSigner.AUTH_LOCATION, AwsV4FamilyHttpSigner.AuthLocation.QUERY_STRING)
                        .putProperty(AwsV4HttpSigner.PAYLOAD_SIGNING_ENABLED, false)
                        .putProperty(AwsV4HttpSigner.DOUBLE_URL_ENCODE, false)
                        .putProperty(AwsV4HttpSigner.NORMALIZE_PATH, false)
                        .putProperty(AwsV4HttpSigner.EXPIRATION_DURATION, lifetime)
                        .putProperty(HttpSigner.SIGNING_CLOCK, Clock.offset(Clock.systemUTC(), ago.negated())).build())
                .request().getUri();
    }

    @Override
    public void close() {
        client.close();
        presigner.close();
        try {
            proxy.stop();
        } catch (Exception e) {
            throw new IllegalStateException("S3Proxy did not stop: " + e.getMessage(), e);
        } finally {
            blobStore.close();
        }
    }
}
