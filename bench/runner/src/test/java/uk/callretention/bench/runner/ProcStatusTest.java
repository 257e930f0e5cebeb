package uk.callretention.bench.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ProcStatusTest {

    private static final String STATUS = """
            Name:\tjava
            VmPeak:\t 3795780 kB
            VmSize:\t 3729220 kB
            VmHWM:\t  141952 kB
            VmRSS:\t  139012 kB
            Threads:\t17
            """;

    @Test
    void peakRssKb_whenStatusHasVmHwm_readsItInKb() {
        assertThat(ProcStatus.peakRssKb(STATUS)).isEqualTo(141_952);
    }

    @Test
    void peakRssKb_whenStatusHasNoVmHwm_fails() {
        assertThatThrownBy(() -> ProcStatus.peakRssKb("Name:\tjava\nVmRSS:\t 1 kB\n")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("VmHWM");
    }

    @Test
    void peakRssKb_ofThisProcess_isSomeMemory() {
        assertThat(ProcStatus.peakRssKb()).isPositive();
    }
}
