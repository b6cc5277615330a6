package org.fargatedsp.bidlog;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class BidLogEncoderTest {

    static String encode(List<? extends BidLogRecord> records) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (BidLogEncoder encoder = new BidLogEncoder(out)) {
            for (BidLogRecord r : records) {
                encoder.write(r);
            }
            encoder.flush();
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void writesEachRecordTypeAsTheDocumentedLine() throws IOException {
        String written = encode(Fixtures.goldenRecords());

        assertThat(written.lines()).containsExactlyElementsOf(Fixtures.goldenLines());
    }

    @Test
    void endsEveryRecordWithOneLineBreak() throws IOException {
        String written = encode(List.of(Fixtures.givenBid(), Fixtures.givenNoBid()));

        assertThat(written).endsWith("}\n").doesNotContain("}\n\n").doesNotStartWith(" ");
        assertThat(written.chars().filter(c -> c == '\n').count()).isEqualTo(2);
    }

    @Test
    void escapesLineBreaksAndQuotesInsideValuesSoOneRecordStaysOneLine() throws IOException {
        BidRecord odd = BidRecord.noBid(1, "id with \"quotes\"\nand a line break", "ex\u00e9\u4e2d", new String[] {"\t"},
                "no_match", 1, false, "task", "v");

        String written = encode(List.of(odd));

        assertThat(written.lines()).hasSize(1);
        assertThat(BidLogReader.parseLine(written.strip())).isEqualTo(odd);
    }

    @Test
    void leavesTheOutputStreamOpenWhenClosed() throws IOException {
        class TrackingStream extends ByteArrayOutputStream {
            boolean closed;

            @Override
            public void close() {
                closed = true;
            }
        }
        TrackingStream out = new TrackingStream();
        try (BidLogEncoder encoder = new BidLogEncoder(out)) {
            encoder.write(Fixtures.givenWin());
        }

        assertThat(out.closed).isFalse();
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo(Fixtures.goldenLines().get(2) + "\n");
    }
}
