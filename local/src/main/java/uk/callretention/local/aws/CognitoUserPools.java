package uk.callretention.local.aws;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.CreateUserPoolClientRequest;
import software.amazon.awssdk.services.cognitoidentityprovider.model.CreateUserPoolRequest;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserPoolClientType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserPoolType;
import uk.callretention.local.template.Properties;

/**
 * AWS::Cognito::UserPool and UserPoolClient on the local server, with the properties the template sets that decide
 * who can sign in and what their tokens say. Messages, MFA and recovery settings have no local effect.
 */
final class CognitoUserPools {
    static final String POOL = "AWS::Cognito::UserPool";
    static final String CLIENT = "AWS::Cognito::UserPoolClient";
    private static final Set<String> POOL_HANDLED = Set.of("UserPoolName", "Policies");
    private static final Set<String> POOL_IGNORED = Set.of("AccountRecoverySetting", "AdminCreateUserConfig", "DeletionProtection", "DeviceConfiguration",
            "EmailConfiguration", "EmailVerificationMessage", "EmailVerificationSubject", "EnabledMfas", "MfaConfiguration", "SmsAuthenticationMessage",
            "SmsConfiguration", "SmsVerificationMessage", "UserAttributeUpdateSettings", "UsernameConfiguration", "UserPoolAddOns", "UserPoolTags",
            "UserPoolTier", "VerificationMessageTemplate");
    private static final Set<String> CLIENT_HANDLED = Set.of("UserPoolId", "ClientName", "GenerateSecret", "ExplicitAuthFlows", "AllowedOAuthFlows",
            "AllowedOAuthScopes", "AllowedOAuthFlowsUserPoolClient", "SupportedIdentityProviders", "AccessTokenValidity",
            "IdTokenValidity", "RefreshTokenValidity", "TokenValidityUnits");
    // The hosted UI's callback and logout URLs: local sign-in takes tokens from the pool directly, and they name the
    // console's CloudFront domain, which local has not.
    private static final Set<String> CLIENT_IGNORED = Set.of("AnalyticsConfiguration", "AuthSessionValidity", "EnablePropagateAdditionalUserContextData",
            "EnableTokenRevocation", "PreventUserExistenceErrors", "CallbackURLs", "LogoutURLs");
    private static final int MAX_NAME_LENGTH = 128;

    private CognitoUserPools() {
    }

    static Created createPool(CognitoIdentityProviderClient cognito, Properties properties, String stackName, String region) {
        properties.allow(POOL_HANDLED, POOL_IGNORED, CognitoUserPools.class);
        CreateUserPoolRequest.Builder request = CreateUserPoolRequest.builder()
                .poolName(properties.string("UserPoolName").orElseGet(() -> PhysicalNames.generate(stackName, properties.logicalId(), MAX_NAME_LENGTH)));
        properties.object("Policies").flatMap(policies -> policies.object("PasswordPolicy")).ifPresent(password -> request.policies(p -> p.passwordPolicy(pp -> {
            password.integer("MinimumLength").ifPresent(pp::minimumLength);
            password.flag("RequireLowercase").ifPresent(pp::requireLowercase);
            password.flag("RequireUppercase").ifPresent(pp::requireUppercase);
            password.flag("RequireNumbers").ifPresent(pp::requireNumbers);
            password.flag("RequireSymbols").ifPresent(pp::requireSymbols);
            password.integer("TemporaryPasswordValidityDays").ifPresent(pp::temporaryPasswordValidityDays);
        })));
        UserPoolType pool = cognito.createUserPool(request.build()).userPool();
        String providerName = "cognito-idp." + region + ".amazonaws.com/" + pool.id();
        return new Created(properties.logicalId(), POOL, pool.id(), Map.of("Arn", pool.arn(), "UserPoolId", pool.id(),
                "ProviderName", providerName, "ProviderURL", "https://" + providerName));
    }

    static Created createClient(CognitoIdentityProviderClient cognito, Properties properties, String stackName) {
        properties.allow(CLIENT_HANDLED, CLIENT_IGNORED, CognitoUserPools.class);
        String poolId = properties.requiredString("UserPoolId");
        CreateUserPoolClientRequest.Builder request = CreateUserPoolClientRequest.builder().userPoolId(poolId)
                .clientName(properties.string("ClientName").orElseGet(() -> PhysicalNames.generate(stackName, properties.logicalId(), MAX_NAME_LENGTH)))
                .generateSecret(properties.flag("GenerateSecret").orElse(false));
        properties.flag("AllowedOAuthFlowsUserPoolClient").ifPresent(request::allowedOAuthFlowsUserPoolClient);
        nonEmpty(properties, "ExplicitAuthFlows", request::explicitAuthFlowsWithStrings);
        nonEmpty(properties, "AllowedOAuthFlows", request::allowedOAuthFlowsWithStrings);
        nonEmpty(properties, "AllowedOAuthScopes", request::allowedOAuthScopes);
        nonEmpty(properties, "SupportedIdentityProviders", request::supportedIdentityProviders);
        properties.integer("AccessTokenValidity").ifPresent(request::accessTokenValidity);
        properties.integer("IdTokenValidity").ifPresent(request::idTokenValidity);
        properties.integer("RefreshTokenValidity").ifPresent(request::refreshTokenValidity);
        properties.object("TokenValidityUnits").ifPresent(units -> request.tokenValidityUnits(u -> u.accessToken(units.string("AccessToken").orElse(null))
                .idToken(units.string("IdToken").orElse(null)).refreshToken(units.string("RefreshToken").orElse(null))));
        UserPoolClientType client = cognito.createUserPoolClient(request.build()).userPoolClient();
        Map<String, String> attributes = new HashMap<>(Map.of("ClientId", client.clientId(), "Name", client.clientName(), "UserPoolId", poolId));
        if (client.clientSecret() != null) {
            attributes.put("ClientSecret", client.clientSecret());
        }
        return new Created(properties.logicalId(), CLIENT, client.clientId(), Map.copyOf(attributes));
    }

    static void delete(CognitoIdentityProviderClient cognito, Created created) {
        switch (created.type()) {
            case POOL -> cognito.deleteUserPool(b -> b.userPoolId(created.ref()));
            case CLIENT -> cognito.deleteUserPoolClient(b -> b.userPoolId(created.attributes().get("UserPoolId")).clientId(created.ref()));
            default -> throw new IllegalArgumentException(created.type() + " is not a Cognito type");
        }
    }

    private static void nonEmpty(Properties properties, String name, Consumer<List<String>> setter) {
        List<String> values = properties.strings(name);
        if (!values.isEmpty()) {
            setter.accept(values);
        }
    }
}
