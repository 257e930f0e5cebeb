package uk.callretention.aws;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;

/**
 * The Lambda context of an invocation made outside Lambda's runtime: SnapStart's priming request, the local runtime's
 * invocations, tests'. What is the same for all of them is said once here, as Lambda gives it to a function invoked
 * without a version, a mobile SDK or a Cognito identity; each says only its request id, time left, names and logger.
 * Lambda's own interfaces only, so nothing is added to a function's class path.
 */
public interface InvocationContext extends Context {

    @Override
    default String getFunctionVersion() {
        return "$LATEST";
    }

    @Override
    default CognitoIdentity getIdentity() {
        return null;
    }

    @Override
    default ClientContext getClientContext() {
        return null;
    }
}
