package org.fargatedsp.shipper.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.fargatedsp.bidlog.BidLogFormatException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LineCheckTest {
    private static final String WIN = "{\"schema_version\":1,\"type\":\"win\",\"ts\":1767225601000,"
            + "\"request_id\":\"req-1\",\"imp_id\":\"1\",\"bid_id\":\"b-1\",\"campaign_id\":\"c-42\","
            + "\"creative_id\":\"cr-9\",\"price\":0.98,\"cur\":\"USD\",\"loss_reason\":null,\"task_id\":\"t\","
            + "\"version\":\"1\"}";

    @Test
    void scanGivesTheTsFullDecodeGives() {
        byte[] line = ("xx" + WIN + "yy").getBytes(StandardCharsets.UTF_8);

        assertThat(LineCheck.scan().ts(line, 2, WIN.length())).isEqualTo(1767225601000L)
                .isEqualTo(LineCheck.fullDecode().ts(line, 2, WIN.length()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "{}", "{\"type\":\"win\"}", "not json"})
    void bothRejectWhatTheSchemaRejects(String text) {
        byte[] line = text.getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> LineCheck.scan().ts(line, 0, line.length)).isInstanceOf(BidLogFormatException.class);
        assertThatThrownBy(() -> LineCheck.fullDecode().ts(line, 0, line.length))
                .isInstanceOf(BidLogFormatException.class);
    }

    /** The bytes ship as they are: a line that is not UTF-8 would reach S3 broken, whatever a lenient decode reads. */
    @Test
    void scanDeadLettersInvalidUtf8ThatFullDecodeReadsAsReplacementCharacters() {
        byte[] line = WIN.replace("req-1", "req-\u00ff").getBytes(StandardCharsets.ISO_8859_1);

        assertThat(LineCheck.fullDecode().ts(line, 0, line.length)).isEqualTo(1767225601000L);
        assertThatThrownBy(() -> LineCheck.scan().ts(line, 0, line.length)).isInstanceOf(BidLogFormatException.class)
                .hasMessageContaining("UTF-8");
    }
}
