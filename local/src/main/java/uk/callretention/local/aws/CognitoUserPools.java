package uk.callretention.local.aws;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.CreateUserPoolClientRequest;
import software.amazon.awssdk.services.cognitoidentityprovider.model.CreateUserPoolRequest;
import software.amazon.awssdk.services.cognitoidentityprovider.model.SchemaAttributeType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserPoolClientType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserPoolType;

/**
 * AWS::Cognito::UserPool, UserPoolClient and UserPoolGroup on the local server, with the properties that decide
 * who can sign in and what their tokens say. Messages, MFA and recovery settings have no local effect.
 */
final class CognitoUserPools {
    static final String POOL = "AWS::Cognito::UserPool";
    static final String CLIENT = "AWS::Cognito::UserPoolClient";
    static final String GROUP = "AWS::Cognito::UserPoolGroup";
    private static final Set<String> POOL_HANDLED = Set.of("UserPoolName", "UsernameAttributes", "AliasAttributes", "AutoVerifiedAttributes", "Schema", "Policies");
    private static final Set<String> POOL_IGNORED = Set.of("AccountRecoverySetting", "AdminCreateUserConfig", "DeletionProtection", "DeviceConfiguration",
            "EmailConfiguration", "EmailVerificationMessage", "EmailVerificationSubject", "EnabledMfas", "MfaConfiguration", "SmsAuthenticationMessage",
            "SmsConfiguration", "SmsVerificationMessage", "UserAttributeUpdateSettings", "UsernameConfiguration", "UserPoolAddOns", "UserPoolTags",
            "UserPoolTier", "VerificationMessageTemplate");
    private static final Set<String> CLIENT_HANDLED = Set.of("UserPoolId", "ClientName", "GenerateSecret", "ExplicitAuthFlows", "AllowedOAuthFlows",
            "AllowedOAuthScopes", "AllowedOAuthFlowsUserPoolClient", "SupportedIdentityProviders", "AccessTokenValidity",
            "IdTokenValidity", "RefreshTokenValidity", "TokenValidityUnits", "ReadAttributes", "WriteAttributes");
    // The hosted UI's callback and logout URLs: local sign-in takes tokens from the pool directly, and they name the
    // console's CloudFront domain, which local has not.
    private static final Set<String> CLIENT_IGNORED = Set.of("AnalyticsConfiguration", "AuthSessionValidity", "EnablePropagateAdditionalUserContextData",
            "EnableTokenRevocation", "PreventUserExistenceErrors", "CallbackURLs", "LogoutURLs");
    private static final Set<String> GROUP_HANDLED = Set.of("UserPoolId", "GroupName", "Description", "Precedence");
    private static final Set<String> GROUP_IGNORED = Set.of("RoleArn");
    private static final int MAX_NAME_LENGTH = 128;

    private CognitoUserPools() {
    }

    static Created createPool(CognitoIdentityProviderClient cognito, ResourceProperties properties, String stackName, String region) {
        properties.allow(POOL_HANDLED, POOL_IGNORED, CognitoUserPools.class);
        CreateUserPoolRequest.Builder request = CreateUserPoolRequest.builder()
                .poolName(properties.string("UserPoolName").orElseGet(() -> PhysicalNames.generate(stackName, properties.logicalId(), MAX_NAME_LENGTH)));
        List<SchemaAttributeType> schema = properties.objects("Schema").stream().map(CognitoUserPools::schemaAttribute).toList();
        if (!schema.isEmpty()) {
            request.schema(schema);
        }
        nonEmpty(properties, "UsernameAttributes", request::usernameAttributesWithStrings);
        nonEmpty(properties, "AliasAttributes", request::aliasAttributesWithStrings);
        nonEmpty(properties, "AutoVerifiedAttributes", request::autoVerifiedAttributesWithStrings);
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

    static Created createClient(CognitoIdentityProviderClient cognito, ResourceProperties properties, String stackName) {
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
        nonEmpty(properties, "ReadAttributes", request::readAttributes);
        nonEmpty(properties, "WriteAttributes", request::writeAttributes);
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

    static Created createGroup(CognitoIdentityProviderClient cognito, ResourceProperties properties, String stackName) {
        properties.allow(GROUP_HANDLED, GROUP_IGNORED, CognitoUserPools.class);
        String poolId = properties.requiredString("UserPoolId");
        String name = properties.string("GroupName").orElseGet(() -> PhysicalNames.generate(stackName, properties.logicalId(), MAX_NAME_LENGTH));
        cognito.createGroup(b -> b.userPoolId(poolId).groupName(name).description(properties.string("Description").orElse(null))
                .precedence(properties.integer("Precedence").orElse(null)));
        return new Created(properties.logicalId(), GROUP, name, Map.of("UserPoolId", poolId));
    }

    static void delete(CognitoIdentityProviderClient cognito, Created created) {
        switch (created.type()) {
            case POOL -> cognito.deleteUserPool(b -> b.userPoolId(created.ref()));
            case CLIENT -> cognito.deleteUserPoolClient(b -> b.userPoolId(created.attributes().get("UserPoolId")).clientId(created.ref()));
            case GROUP -> cognito.deleteGroup(b -> b.userPoolId(created.attributes().get("UserPoolId")).groupName(created.ref()));
            default -> throw new IllegalArgumentException(created.type() + " is not a Cognito type");
        }
    }

    private static SchemaAttributeType schemaAttribute(ResourceProperties attribute) {
        SchemaAttributeType.Builder builder = SchemaAttributeType.builder().name(attribute.requiredString("Name"))
                .attributeDataType(attribute.string("AttributeDataType").orElse("String"));
        attribute.flag("Mutable").ifPresent(builder::mutable);
        attribute.flag("Required").ifPresent(builder::required);
        attribute.object("StringAttributeConstraints").ifPresent(c -> builder.stringAttributeConstraints(s -> s.minLength(c.string("MinLength").orElse(null))
                .maxLength(c.string("MaxLength").orElse(null))));
        attribute.object("NumberAttributeConstraints").ifPresent(c -> builder.numberAttributeConstraints(n -> n.minValue(c.string("MinValue").orElse(null))
                .maxValue(c.string("MaxValue").orElse(null))));
        return builder.build();
    }

    private static void nonEmpty(ResourceProperties properties, String name, Consumer<List<String>> setter) {
        List<String> values = properties.strings(name);
        if (!values.isEmpty()) {
            setter.accept(values);
        }
    }
}
