package uk.callretention.testsupport;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import uk.callretention.local.aws.LocalAwsClients;
import uk.callretention.local.aws.ProvisionedStack;
import uk.callretention.local.template.FunctionDefinition;
import uk.callretention.local.template.Template;

/** One test class's view of the local AWS server: the endpoint, clients for it, and the class's own stack from template.yaml. */
public final class LocalAws implements AutoCloseable {
    private final LocalAwsClients clients;
    private final Template template;
    private final ProvisionedStack stack;

    LocalAws(LocalAwsClients clients, Template template, ProvisionedStack stack) {
        this.clients = clients;
        this.template = template;
        this.stack = stack;
    }

    public URI endpoint() {
        return clients.endpoint();
    }

    public LocalAwsClients clients() {
        return clients;
    }

    public ProvisionedStack stack() {
        return stack;
    }

    public Template template() {
        return template;
    }

    /**
     * What the function would see as its environment in this class's stack, plus the AWS_* variables that point
     * an SDK client built from the environment at the local server: pass it to the handler's Map constructor.
     */
    public Map<String, String> environmentOf(String functionLogicalId) {
        FunctionDefinition function = template.functions().get(functionLogicalId);
        if (function == null) {
            throw new IllegalArgumentException(functionLogicalId + " is not a function of the template; its functions are " + template.functions().keySet());
        }
        Map<String, String> environment = new LinkedHashMap<>(stack.environmentOf(function));
        environment.put("AWS_REGION", LocalAwsClients.REGION.id());
        environment.put("AWS_ENDPOINT_URL", endpoint().toString());
        environment.put("AWS_ACCESS_KEY_ID", LocalAwsClients.ACCESS_KEY_ID);
        environment.put("AWS_SECRET_ACCESS_KEY", LocalAwsClients.SECRET_ACCESS_KEY);
        return Map.copyOf(environment);
    }

    /** Deletes the class's stack; the server and clients belong to the whole run. */
    @Override
    public void close() {
        stack.delete();
    }
}
