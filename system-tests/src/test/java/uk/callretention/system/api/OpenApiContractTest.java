package uk.callretention.system.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;
import uk.callretention.local.template.Template;

/** api/openapi.yaml documents exactly the routes template.yaml serves, each behind the staff token. */
class OpenApiContractTest {

    @Test
    @SuppressWarnings("unchecked")
    void openApi_whenComparedWithTheTemplate_documentsEveryRouteAndNoOther() throws IOException {
        Template template = Template.load(ApiStack.TEMPLATE);
        Set<String> templateRoutes = routes(template);
        assertThat(((Map<String, Object>) template.resources().get("StaffApi").properties().get("Auth"))).containsEntry("DefaultAuthorizer", "StaffJwt");
        Map<String, Object> openApi = new Yaml().load(Files.readString(Path.of("..", "api", "openapi.yaml")));
        Set<String> documented = new TreeSet<>();
        ((Map<String, Map<String, Object>>) openApi.get("paths")).forEach((path, operations) ->
                operations.keySet().forEach(method -> documented.add(method.toUpperCase() + " " + path)));

        assertThat(documented).isEqualTo(templateRoutes);
        assertThat(openApi.get("security").toString()).contains("staffJwt");
    }

    @Test
    void sampleHttpRequest_namesARouteTheTemplateServes() throws IOException {
        Map<String, Object> sample = new Yaml().load(Files.readString(Path.of("..", "events", "http-api-request.json")));

        assertThat(routes(Template.load(ApiStack.TEMPLATE))).contains((String) sample.get("routeKey"));
    }

    private static Set<String> routes(Template template) {
        Set<String> routes = new TreeSet<>();
        template.functions().values().forEach(function -> function.events().values().stream()
                .filter(event -> event.type().equals("HttpApi"))
                .forEach(event -> {
                    assertThat(event.properties().get("ApiId")).isEqualTo(Map.of("Ref", "StaffApi"));
                    routes.add(event.properties().get("Method").toString().toUpperCase() + " " + event.properties().get("Path"));
                }));
        return routes;
    }
}
