package uk.callretention.bench.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FiguresTest {

    @Test
    void parse_ofALineWritten_givesTheSameFiguresInOrder() {
        Map<String, Double> figures = new LinkedHashMap<>();
        figures.put("uptimeMs", 958.3125);
        figures.put("classes", 5447.0);

        Map<String, Double> read = Figures.parse(Figures.line(figures));

        assertThat(read).containsExactly(Map.entry("uptimeMs", 958.313), Map.entry("classes", 5447.0));
    }

    @Test
    void parse_whenTheLineIsAHandlersOwnOutput_fails() {
        assertThatThrownBy(() -> Figures.parse("{\"level\":\"INFO\"}")).isInstanceOf(IllegalArgumentException.class);
    }
}
