package uk.callretention.local.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CommandLineTest {

    @Test
    void parse_whenGivenNothing_usesTheDocumentedPortsStackAndDataFolderBesideTheTemplate() {
        RuntimeOptions options = CommandLine.parse(new String[0], Map.of());

        assertThat(options.template()).isEqualTo(Path.of("template.yaml"));
        assertThat(options.awsPort()).isEqualTo(4566);
        assertThat(options.apiPort()).isEqualTo(3000);
        assertThat(options.stackName()).isEqualTo("call-retention-local");
        assertThat(options.dataFolder()).isEqualTo(Path.of("template.yaml").toAbsolutePath().getParent().resolve(".local"));
        assertThat(options.existingAws()).isNull();
    }

    @Test
    void parse_whenGivenArgumentsAndPortVariables_usesThem() {
        RuntimeOptions options = CommandLine.parse(new String[] {"--template", "other/template.yaml", "--parameter-overrides",
                "QueueMaxReceiveCount=3", "LogRetentionDays=30", "--data", "/tmp/local-data"}, Map.of("LOCAL_AWS_PORT", "4600", "LOCAL_API_PORT", "3100"));

        assertThat(options.template()).isEqualTo(Path.of("other/template.yaml"));
        assertThat(options.parameterOverrides()).isEqualTo(Map.of("QueueMaxReceiveCount", "3", "LogRetentionDays", "30"));
        assertThat(options.dataFolder()).isEqualTo(Path.of("/tmp/local-data"));
        assertThat(options.awsPort()).isEqualTo(4600);
        assertThat(options.apiPort()).isEqualTo(3100);
    }

    @Test
    void parse_whenSomethingIsWrong_saysWhat() {
        assertThatThrownBy(() -> CommandLine.parse(new String[0], Map.of("LOCAL_API_PORT", "http"))).hasMessage("LOCAL_API_PORT=http is not a port number");
        assertThatThrownBy(() -> CommandLine.parse(new String[] {"--template"}, Map.of())).hasMessage("--template needs a value");
        assertThatThrownBy(() -> CommandLine.parse(new String[] {"--parameter-overrides", "Oops"}, Map.of()))
                .hasMessage("--parameter-overrides takes Name=Value pairs, not Oops");
        assertThatThrownBy(() -> CommandLine.parse(new String[] {"--verbose"}, Map.of())).hasMessage("unknown argument --verbose");
    }
}
