package uk.callretention.local.runtime.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import uk.callretention.local.template.Intrinsics;
import uk.callretention.local.template.PseudoParameters;
import uk.callretention.local.template.ResourceAttributes;
import uk.callretention.local.template.Template;
import uk.callretention.local.template.TemplateFiles;

/** The local runtime serves the routes the template uses, a method and a path, and refuses by name the kinds it does not. */
class RoutesTest {
    @TempDir
    Path folder;

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            Path: "/files/{proxy+}", Method: GET | ANY and greedy {proxy+} paths are not supported
            Path: "/files/{name}", Method: any   | ANY and greedy {proxy+} paths are not supported
            Auth: {}                           | the $default route (no Path and Method) is not supported
            Path: "/files/{name}"              | needs Properties.Events.Files.Properties.Method
            """)
    void from_whenARouteIsOfAKindTheTemplateDoesNotUse_refusesNamingIt(String properties, String message) {
        Template template = template("{" + properties + "}");

        assertThatThrownBy(() -> Routes.from(template, intrinsics(template))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("FilesFunction").hasMessageContaining(message);
    }

    @Test
    void from_whenARouteNamesMethodAndPath_servesIt() {
        Template template = template("{Path: \"/files/{name}\", Method: get}");

        assertThat(Routes.from(template, intrinsics(template)).find("GET", "/files/a").orElseThrow().route().routeKey()).isEqualTo("GET /files/{name}");
    }

    private Template template(String eventProperties) {
        return TemplateFiles.load(folder, """
                Resources:
                  FilesFunction:
                    Type: AWS::Serverless::Function
                    Properties:
                      Runtime: java21
                      CodeUri: code
                      Handler: example.Handler::handleRequest
                      Events:
                        Files:
                          Type: HttpApi
                          Properties: %s
                """.formatted(eventProperties));
    }

    private static Intrinsics intrinsics(Template template) {
        ResourceAttributes none = new ResourceAttributes() {
            @Override
            public String ref(String logicalId) {
                return null;
            }

            @Override
            public String getAtt(String logicalId, String attribute) {
                return null;
            }
        };
        return new Intrinsics(template, PseudoParameters.local("stack1"), Map.of(), none);
    }
}
