package uk.callretention.local.runtime.batch;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class CsvTest {

    @Test
    void format_quotesOnlyFieldsWithCommasQuotesOrLineBreaks_doublingTheirQuotes() {
        assertThat(Csv.format(List.of("plain", "later,applied", "say \"no\"", "two\nlines", "")))
                .isEqualTo("plain,\"later,applied\",\"say \"\"no\"\"\",\"two\nlines\",");
    }

    @Test
    void parse_readsWhatFormatWrites() {
        List<String> fields = List.of("recordings", "a%2Cb.wav", "", "failed", "200", "PermanentFailure",
                "Lambda returned function error: {\"errorMessage\":\"refused, twice\"}");

        assertThat(Csv.parse(Csv.format(fields))).isEqualTo(fields);
    }
}
