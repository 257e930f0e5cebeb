package uk.callretention.expiry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ExpireRecordingsFactoryTest {

    @Test
    void concurrency_whenAWholeNumberInRange_isThatNumber() {
        assertThat(ExpireRecordingsFactory.concurrency(Map.of("SWEEP_CONCURRENCY", "32"))).isEqualTo(32);
        assertThat(ExpireRecordingsFactory.concurrency(Map.of("SWEEP_CONCURRENCY", " 1 "))).isEqualTo(1);
        assertThat(ExpireRecordingsFactory.concurrency(Map.of("SWEEP_CONCURRENCY", "128"))).isEqualTo(128);
    }

    @Test
    void concurrency_whenMissingOrNotAWholeNumberFrom1To128_stopsTheFunctionWithTheRule() {
        for (String wrong : new String[] {"0", "129", "-4", "8.5", "lots"}) {
            assertThatThrownBy(() -> ExpireRecordingsFactory.concurrency(Map.of("SWEEP_CONCURRENCY", wrong)))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("environment variable SWEEP_CONCURRENCY must be a whole number from 1 to 128, not '" + wrong + "'");
        }
        assertThatThrownBy(() -> ExpireRecordingsFactory.concurrency(Map.of()))
                .hasMessage("environment variable SWEEP_CONCURRENCY is not set");
    }
}
