package uk.callretention.local.runtime.batch;

import java.net.URI;
import java.util.concurrent.CompletableFuture;
import software.amazon.awssdk.endpoints.Endpoint;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.s3control.S3ControlClient;
import uk.callretention.local.aws.LocalAwsClients;

/** SDK clients for the local S3 Control endpoint. */
public final class S3ControlClients {
    private S3ControlClients() {
    }

    /**
     * An endpoint override alone is not enough: S3 Control's endpoint rules put the account id in front of the host
     * ({@code 123456789012.127.0.0.1}), which does not resolve; this provider returns the endpoint as it is.
     */
    public static S3ControlClient local(URI endpoint) {
        return S3ControlClient.builder()
                .endpointProvider(parameters -> CompletableFuture.completedFuture(Endpoint.builder().url(endpoint).build()))
                .region(LocalAwsClients.REGION)
                .credentialsProvider(LocalAwsClients.credentials())
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }
}
