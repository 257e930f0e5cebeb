package uk.callretention.testsupport;

import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.s3.model.DeleteObjectsRequest;
import software.amazon.awssdk.services.s3.model.DeleteObjectsResponse;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Error;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Applies the {@link Faults} armed on the calling thread to each SDK call; does nothing on any other thread. The SDK
 * makes one per client from the global interceptor list, so the plan lives in a thread-local, inherited by threads
 * started while it is armed, and each call keeps the plan it started with. Hooks, in the SDK's order: before the call (count it, crash), on the request (drop the
 * keys S3 will refuse), before each attempt is sent (fail it), after each attempt's answer arrives (lose it), on the
 * response (report the dropped keys as S3's per-key errors).
 */
public final class FaultInjector implements ExecutionInterceptor {

    static final ThreadLocal<Faults> ARMED = new InheritableThreadLocal<>();

    private static final ExecutionAttribute<Faults> PLAN = new ExecutionAttribute<>("FaultInjector.plan");
    private static final ExecutionAttribute<Boolean> LOSE_RESPONSE = new ExecutionAttribute<>("FaultInjector.loseResponse");
    private static final ExecutionAttribute<List<ObjectIdentifier>> REFUSED_KEYS = new ExecutionAttribute<>("FaultInjector.refusedKeys");

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        Faults plan = ARMED.get();
        if (plan != null) {
            attributes.putAttribute(PLAN, plan);
            plan.beforeCall(operation(attributes));
        }
    }

    @Override
    public SdkRequest modifyRequest(Context.ModifyRequest context, ExecutionAttributes attributes) {
        Faults plan = attributes.getAttribute(PLAN);
        if (plan == null || !(context.request() instanceof DeleteObjectsRequest delete)) {
            return context.request();
        }
        List<ObjectIdentifier> objects = delete.delete().objects();
        Set<Integer> refused = plan.keysToRefuse(operation(attributes), objects.size());
        if (refused.isEmpty()) {
            return context.request();
        }
        List<ObjectIdentifier> sent = new ArrayList<>();
        List<ObjectIdentifier> kept = new ArrayList<>();
        for (int i = 0; i < objects.size(); i++) {
            (refused.contains(i) ? kept : sent).add(objects.get(i));
        }
        attributes.putAttribute(REFUSED_KEYS, kept);
        return delete.toBuilder().delete(delete.delete().toBuilder().objects(sent).build()).build();
    }

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        Faults plan = attributes.getAttribute(PLAN);
        if (plan == null) {
            return;
        }
        String operation = operation(attributes);
        plan.forAttempt(operation).ifPresent(fault -> {
            switch (fault) {
                case THROTTLED -> throw throttled(attributes);
                case SERVER_ERROR -> throw serviceError(attributes, 500, isS3(attributes) ? "InternalError" : "InternalServerError");
                case CONNECTION_RESET -> throw SdkClientException.create("Unable to execute HTTP request: Connection reset",
                        new SocketException("Connection reset"));
                case RESPONSE_LOST -> attributes.putAttribute(LOSE_RESPONSE, true);
                case KEYS_REFUSED -> throw new IllegalStateException("keys are refused on the request, not the attempt");
            }
        });
    }

    @Override
    public void afterTransmission(Context.AfterTransmission context, ExecutionAttributes attributes) {
        if (Boolean.TRUE.equals(attributes.getAttribute(LOSE_RESPONSE))) {
            attributes.putAttribute(LOSE_RESPONSE, false);
            throw SdkClientException.create("Unable to execute HTTP request: Read timed out", new SocketTimeoutException("Read timed out"));
        }
    }

    @Override
    public SdkResponse modifyResponse(Context.ModifyResponse context, ExecutionAttributes attributes) {
        List<ObjectIdentifier> refused = attributes.getAttribute(REFUSED_KEYS);
        if (refused == null || !(context.response() instanceof DeleteObjectsResponse response)) {
            return context.response();
        }
        List<S3Error> errors = new ArrayList<>(response.errors());
        refused.forEach(object -> errors.add(S3Error.builder().key(object.key()).versionId(object.versionId())
                .code("InternalError").message("We encountered an internal error. Please try again.").build()));
        return response.toBuilder().errors(errors).build();
    }

    private static AwsServiceException throttled(ExecutionAttributes attributes) {
        return isS3(attributes) ? serviceError(attributes, 503, "SlowDown") : serviceError(attributes, 400, "ThrottlingException");
    }

    private static AwsServiceException serviceError(ExecutionAttributes attributes, int status, String code) {
        AwsErrorDetails details = AwsErrorDetails.builder().errorCode(code).errorMessage("injected " + code)
                .serviceName(attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME))
                .sdkHttpResponse(SdkHttpResponse.builder().statusCode(status).build())
                .build();
        AwsServiceException.Builder builder = isS3(attributes) ? S3Exception.builder()
                : "DynamoDB".equals(attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME)) ? DynamoDbException.builder()
                : AwsServiceException.builder();
        return builder.statusCode(status).message("injected " + code).awsErrorDetails(details).build();
    }

    private static boolean isS3(ExecutionAttributes attributes) {
        return "S3".equals(attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME));
    }

    private static String operation(ExecutionAttributes attributes) {
        return attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
    }
}
