package uk.callretention.local.runtime;

import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import uk.callretention.local.runtime.http.RouteAuthorizer;

/**
 * How to run the local stack.
 *
 * @param awsPort     moto's port on 127.0.0.1 (0 picks a free one); unused with {@code existingAws}
 * @param apiPort     the HTTP API's port on 127.0.0.1 (0 picks a free one)
 * @param dataFolder  where endpoints.json, moto's log and pid go
 * @param existingAws a local AWS endpoint already running (a test's moto), or null to start moto
 * @param authorizer  null for the template's JWT authorizers, checked against the local AWS (its Cognito) as API Gateway would
 */
public record RuntimeOptions(Path template, int awsPort, int apiPort, String stackName, Path dataFolder,
                             Map<String, String> parameterOverrides, URI existingAws, RouteAuthorizer authorizer) {

    /** Lower case: bucket names derive from it. */
    public static final String STACK_NAME = "call-retention-local";
    public static final int AWS_PORT = 4566;
    public static final int API_PORT = 3000;

    /** The documented defaults, with the data folder {@code .local/} beside the template (the repository's root). */
    public static RuntimeOptions forTemplate(Path template) {
        return new RuntimeOptions(template, AWS_PORT, API_PORT, STACK_NAME, template.toAbsolutePath().getParent().resolve(".local"),
                Map.of(), null, null);
    }

    public RuntimeOptions withPorts(int aws, int api) {
        return new RuntimeOptions(template, aws, api, stackName, dataFolder, parameterOverrides, existingAws, authorizer);
    }

    public RuntimeOptions withStackName(String name) {
        return new RuntimeOptions(template, awsPort, apiPort, name, dataFolder, parameterOverrides, existingAws, authorizer);
    }

    public RuntimeOptions withDataFolder(Path folder) {
        return new RuntimeOptions(template, awsPort, apiPort, stackName, folder, parameterOverrides, existingAws, authorizer);
    }

    public RuntimeOptions withParameterOverrides(Map<String, String> overrides) {
        return new RuntimeOptions(template, awsPort, apiPort, stackName, dataFolder, Map.copyOf(overrides), existingAws, authorizer);
    }

    public RuntimeOptions withExistingAws(URI endpoint) {
        return new RuntimeOptions(template, awsPort, apiPort, stackName, dataFolder, parameterOverrides, endpoint, authorizer);
    }

    public RuntimeOptions withAuthorizer(RouteAuthorizer routeAuthorizer) {
        return new RuntimeOptions(template, awsPort, apiPort, stackName, dataFolder, parameterOverrides, existingAws, routeAuthorizer);
    }
}
