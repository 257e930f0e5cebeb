package uk.callretention.local.template;

/** The values of CloudFormation's pseudo parameters (AWS::Region...) for one stack. */
public record PseudoParameters(String stackName, String region, String accountId) {
    public static final String LOCAL_REGION = "eu-west-2";
    /** moto's default account, so ARNs built here match the ones moto returns. */
    public static final String LOCAL_ACCOUNT_ID = "123456789012";

    public static PseudoParameters local(String stackName) {
        return new PseudoParameters(stackName, LOCAL_REGION, LOCAL_ACCOUNT_ID);
    }
}
