package uk.callretention.local.template;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * What the project's template promises about the deployed staff console: a private bucket only CloudFront reads, strict
 * security headers, and the API, the recordings bucket and the hosted UI open to the console's origin alone. The
 * headers are resolved as CloudFormation would resolve them, for a stack with its own user pool and for one with the
 * council's own provider.
 */
class ConsoleHostingTemplateTest {
    private static final Template TEMPLATE = Template.load(Path.of("..", "template.yaml"));
    private static final PseudoParameters STACK = new PseudoParameters("rutland-calls", "eu-west-2", "111122223333");
    private static final String CONSOLE_DOMAIN = "d111111abcdef8.cloudfront.net";
    private static final String CONSOLE_ORIGIN = "https://" + CONSOLE_DOMAIN;
    /** What Ref and GetAtt give in the deployed stack, for the resources these values name. */
    private static final ResourceAttributes DEPLOYED = new ResourceAttributes() {
        @Override
        public String ref(String logicalId) {
            return switch (logicalId) {
                case "StaffUserPoolDomain" -> "rutland-calls-111122223333";
                case "StaffApi" -> "a1b2c3d4e5";
                case "ConsoleDistribution" -> "E2QWRUHEXAMPLE";
                default -> null;
            };
        }

        @Override
        public String getAtt(String logicalId, String attribute) {
            return logicalId.equals("ConsoleDistribution") && attribute.equals("DomainName") ? CONSOLE_DOMAIN : null;
        }
    };

    @Test
    void contentSecurityPolicy_allowsOnlyTheConsolesOwnCodeAndTheOriginsItCalls() {
        Map<String, List<String>> csp = contentSecurityPolicy(Map.of());

        assertThat(csp).containsEntry("default-src", List.of("'none'"))
                .containsEntry("script-src", List.of("'self'"))
                .containsEntry("style-src", List.of("'self'"))
                .containsEntry("img-src", List.of("'self'"))
                .containsEntry("font-src", List.of("'self'"))
                .containsEntry("manifest-src", List.of("'self'"))
                .containsEntry("connect-src", List.of("'self'", "https://*.execute-api.eu-west-2.amazonaws.com",
                        "https://rutland-calls-111122223333.auth.eu-west-2.amazoncognito.com", "https://rutland-calls-recordings-111122223333.s3.eu-west-2.amazonaws.com"))
                .containsEntry("media-src", List.of("https://rutland-calls-recordings-111122223333.s3.eu-west-2.amazonaws.com"))
                .containsEntry("form-action", List.of("'self'", "https://rutland-calls-111122223333.auth.eu-west-2.amazoncognito.com"))
                .containsEntry("frame-ancestors", List.of("'none'"))
                .containsEntry("base-uri", List.of("'none'"))
                .containsEntry("object-src", List.of("'none'"))
                .hasSize(12);
        assertThat(csp.values()).flatMap(sources -> sources)
                .doesNotContain("'unsafe-inline'", "'unsafe-eval'", "'unsafe-hashes'", "'wasm-unsafe-eval'", "data:", "blob:", "*", "https:");
    }

    @Test
    void contentSecurityPolicy_whenTheCouncilsOwnProvider_signsInAtTheIssuersOrigin() {
        Map<String, List<String>> csp = contentSecurityPolicy(Map.of("ExistingOidcIssuer", "https://login.rutland.gov.uk/realms/staff",
                "ExistingOidcAudience", "console"));

        assertThat(csp.get("connect-src")).contains("https://login.rutland.gov.uk").noneMatch(source -> source.contains("amazoncognito"));
        assertThat(csp.get("form-action")).containsExactly("'self'", "https://login.rutland.gov.uk");
    }

    @Test
    void contentSecurityPolicy_namesTheRecordingsOriginThePresignerSignsLinksFor() {
        URI link;
        try (S3Presigner presigner = S3Presigner.builder().region(Region.EU_WEST_2)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "secret"))).build()) {
            link = URI.create(presigner.presignGetObject(presign -> presign.signatureDuration(Duration.ofMinutes(5))
                    .getObjectRequest(get -> get.bucket("rutland-calls-recordings-111122223333").key("rutland/customer-services/phone/2026/11/25/call-0001.wav")))
                    .url().toString());
        }

        assertThat(contentSecurityPolicy(Map.of()).get("media-src")).containsExactly(link.getScheme() + "://" + link.getHost());
    }

    @Test
    void consoleSite_publishesTheSignInAndRecordingsOriginsTheHeaderPolicyAllows() {
        Map<String, List<String>> csp = contentSecurityPolicy(Map.of());

        assertThat(csp.get("media-src")).containsExactly((String) resolved("ConsoleSite", "RecordingsOrigin", Map.of()));
        assertThat(csp.get("connect-src")).contains(origin(resolved("ConsoleSite", "TokenEndpoint", Map.of())));
        assertThat(csp.get("form-action")).contains(origin(resolved("ConsoleSite", "AuthorizationEndpoint", Map.of())),
                origin(resolved("ConsoleSite", "LogoutEndpoint", Map.of())));
        assertThat(resolved("ConsoleSite", "Issuer", Map.of())).isNull();
    }

    @Test
    void consoleSite_whenTheCouncilsOwnProvider_publishesTheIssuerAlone() {
        Map<String, String> parameters = Map.of("ExistingOidcIssuer", "https://login.rutland.gov.uk/realms/staff", "ExistingOidcAudience", "console");

        assertThat(resolved("ConsoleSite", "Issuer", parameters)).isEqualTo("https://login.rutland.gov.uk/realms/staff");
        assertThat(resolved("ConsoleSite", "ClientId", parameters)).isEqualTo("console");
        List.of("AuthorizationEndpoint", "TokenEndpoint", "LogoutEndpoint").forEach(name -> assertThat(resolved("ConsoleSite", name, parameters)).as(name).isNull());
    }

    @Test
    void securityHeaders_forbidFramingReferrersSniffingAndPlainHttp() {
        Map<String, Object> headers = map(map(resolved("ConsoleSecurityHeaders", "ResponseHeadersPolicyConfig", Map.of())).get("SecurityHeadersConfig"));

        assertThat(headers.get("StrictTransportSecurity")).isEqualTo(Map.of("Override", true, "AccessControlMaxAgeSec", 63072000, "IncludeSubdomains", true));
        assertThat(headers.get("FrameOptions")).isEqualTo(Map.of("Override", true, "FrameOption", "DENY"));
        assertThat(headers.get("ReferrerPolicy")).isEqualTo(Map.of("Override", true, "ReferrerPolicy", "no-referrer"));
        assertThat(headers.get("ContentTypeOptions")).isEqualTo(Map.of("Override", true));
        assertThat(map(headers.get("ContentSecurityPolicy")).get("Override")).isEqualTo(true);
    }

    @Test
    void consoleBucket_isPrivateAndReadOnlyByTheConsoleDistribution() {
        Map<String, Object> bucket = TEMPLATE.resources().get("ConsoleBucket").properties();
        assertThat(bucket.get("PublicAccessBlockConfiguration")).isEqualTo(Map.of("BlockPublicAcls", true, "BlockPublicPolicy", true,
                "IgnorePublicAcls", true, "RestrictPublicBuckets", true));
        assertThat(bucket.get("OwnershipControls")).isEqualTo(Map.of("Rules", List.of(Map.of("ObjectOwnership", "BucketOwnerEnforced"))));
        assertThat(String.valueOf(bucket.get("BucketEncryption"))).contains("AES256");

        List<Map<String, Object>> allowed = statements(TEMPLATE.resources().get("ConsoleBucketPolicy").properties()).stream()
                .filter(statement -> "Allow".equals(statement.get("Effect"))).toList();
        assertThat(allowed).singleElement().satisfies(statement -> {
            assertThat(statement.get("Principal")).isEqualTo(Map.of("Service", "cloudfront.amazonaws.com"));
            assertThat(statement.get("Action")).isEqualTo("s3:GetObject");
            assertThat(statement.get("Condition")).isEqualTo(Map.of("StringEquals", Map.of("AWS:SourceArn",
                    Map.of("Fn::Sub", "arn:${AWS::Partition}:cloudfront::${AWS::AccountId}:distribution/${ConsoleDistribution}"))));
        });
    }

    @Test
    void consoleDistribution_readsTheBucketThroughOriginAccessControlOverHttpsOnly() {
        Map<String, Object> config = map(TEMPLATE.resources().get("ConsoleDistribution").properties().get("DistributionConfig"));
        Map<String, Object> origin = map(((List<?>) config.get("Origins")).get(0));
        Map<String, Object> behaviour = map(config.get("DefaultCacheBehavior"));
        Map<String, Object> control = map(TEMPLATE.resources().get("ConsoleOriginAccessControl").properties().get("OriginAccessControlConfig"));

        assertThat(origin.get("OriginAccessControlId")).isEqualTo(Map.of("Fn::GetAtt", List.of("ConsoleOriginAccessControl", "Id")));
        assertThat(map(origin.get("S3OriginConfig")).get("OriginAccessIdentity")).isEqualTo("");
        assertThat(control).containsEntry("SigningBehavior", "always").containsEntry("SigningProtocol", "sigv4").containsEntry("OriginAccessControlOriginType", "s3");
        assertThat(behaviour).containsEntry("ViewerProtocolPolicy", "redirect-to-https").containsEntry("AllowedMethods", List.of("GET", "HEAD"));
        assertThat(config).containsEntry("DefaultRootObject", "index.html").doesNotContainKey("Logging");
    }

    @Test
    void apiCors_admitsTheConsoleOriginAlone() {
        Map<String, Object> cors = map(resolved("StaffApi", "CorsConfiguration", Map.of()));

        assertThat(cors).containsEntry("AllowOrigins", List.of(CONSOLE_ORIGIN))
                .containsEntry("AllowHeaders", List.of("authorization", "content-type"))
                .containsEntry("AllowMethods", List.of("GET", "POST", "DELETE"))
                .containsEntry("MaxAge", 600)
                .doesNotContainKey("AllowCredentials");
    }

    @Test
    void recordingsBucketCors_letsTheConsoleOnlyReadThroughItsLinks() {
        Map<String, Object> cors = map(resolved("RecordingsBucket", "CorsConfiguration", Map.of()));

        assertThat((List<?>) cors.get("CorsRules")).singleElement().satisfies(rule -> assertThat(map(rule))
                .containsEntry("AllowedOrigins", List.of(CONSOLE_ORIGIN))
                .containsEntry("AllowedMethods", List.of("GET", "HEAD"))
                .doesNotContainKey("AllowedHeaders"));
    }

    @Test
    void hostedUi_returnsToTheConsoleRootAloneWithTheCodeFlow() {
        Map<String, Object> client = new LinkedHashMap<>(TEMPLATE.resources().get("StaffUserPoolClient").properties());
        List.of("CallbackURLs", "LogoutURLs").forEach(name -> client.put(name, resolved("StaffUserPoolClient", name, Map.of())));

        assertThat(client).containsEntry("AllowedOAuthFlowsUserPoolClient", true)
                .containsEntry("AllowedOAuthFlows", List.of("code"))
                .containsEntry("AllowedOAuthScopes", List.of("openid", "email", "profile"))
                .containsEntry("CallbackURLs", List.of(CONSOLE_ORIGIN + "/"))
                .containsEntry("LogoutURLs", List.of(CONSOLE_ORIGIN + "/"))
                .containsEntry("SupportedIdentityProviders", List.of("COGNITO"))
                .containsEntry("GenerateSecret", false);
    }

    private static Map<String, List<String>> contentSecurityPolicy(Map<String, String> parameters) {
        String policy = (String) map(map(map(resolved("ConsoleSecurityHeaders", "ResponseHeadersPolicyConfig", parameters))
                .get("SecurityHeadersConfig")).get("ContentSecurityPolicy")).get("ContentSecurityPolicy");
        return Arrays.stream(policy.split(";")).map(String::trim).filter(directive -> !directive.isEmpty())
                .map(directive -> directive.split("\\s+"))
                .collect(Collectors.toMap(parts -> parts[0], parts -> List.of(parts).subList(1, parts.length), (a, b) -> a, LinkedHashMap::new));
    }

    private static String origin(Object url) {
        URI uri = URI.create((String) url);
        return uri.getScheme() + "://" + uri.getHost();
    }

    /** One property as CloudFormation would resolve it in the deployed stack with these parameters. */
    private static Object resolved(String logicalId, String property, Map<String, String> parameters) {
        Intrinsics intrinsics = new Intrinsics(TEMPLATE, STACK, parameters, DEPLOYED);
        return intrinsics.resolve(TEMPLATE.resources().get(logicalId).properties().get(property), logicalId, "Properties." + property);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> statements(Map<String, Object> bucketPolicy) {
        return (List<Map<String, Object>>) map(bucketPolicy.get("PolicyDocument")).get("Statement");
    }

    private static Map<String, Object> map(Object value) {
        assertThat(value).isInstanceOf(Map.class);
        return stringKeys((Map<?, ?>) value);
    }

    private static Map<String, Object> stringKeys(Map<?, ?> value) {
        Map<String, Object> copy = new LinkedHashMap<>();
        value.forEach((key, item) -> copy.put(String.valueOf(key), item));
        return copy;
    }
}
