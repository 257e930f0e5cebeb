package uk.callretention.aws;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LoopbackRequestTest {

    @Test
    void send_isAnsweredOnTheLoopbackAddressAndLeavesNothingRunning() {
        LoopbackRequest.send();

        assertThat(Thread.getAllStackTraces().keySet()).extracting(Thread::getName).doesNotContain("snapstart-loopback");
    }
}
