package org.fargatedsp.bidlog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class BidLogReaderTest {
    private static final String BID = Fixtures.goldenLines().get(0);
    private static final String NOBID = Fixtures.goldenLines().get(1);
    private static final String WIN = Fixtures.goldenLines().get(2);

    @Test
    void readsBackEveryRecordTheEncoderWrote(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("bids-t-0000000001.jsonl");
        Files.writeString(file, BidLogEncoderTest.encode(Fixtures.goldenRecords()), StandardCharsets.UTF_8);

        assertThat(BidLogReader.readAll(file)).containsExactlyElementsOf(Fixtures.goldenRecords());
    }

    @Test
    void skipsFieldsItDoesNotKnowAtAnyDepth() {
        String withExtras = BID
                .replace("\"ts\":", "\"added_later\":{\"nested\":[1,{\"x\":null}]},\"also\":[[]],\"ts\":")
                .replace("\"deal_id\":", "\"bid_extra\":{\"a\":1},\"deal_id\":");

        assertThat(BidLogReader.parseLine(withExtras)).isEqualTo(Fixtures.givenBid());
    }

    @Test
    void treatsAbsentNullableFieldsAsNull() {
        String minimal = WIN.replace(",\"loss_reason\":null", "").replace(",\"price\":0.98,\"cur\":\"USD\"", "");

        NoticeRecord win = (NoticeRecord) BidLogReader.parseLine(minimal);

        assertThat(win.hasPrice()).isFalse();
        assertThat(win.cur()).isNull();
        assertThat(win.lossReason()).isEqualTo(NoticeRecord.NO_LOSS_REASON);
    }

    static Stream<Arguments> badLines() {
        return Stream.of(
                Arguments.of(BID.replace("\"request_id\":\"req-1\",", ""), "missing required field request_id"),
                Arguments.of(BID.replace("\"request_id\":\"req-1\"", "\"request_id\":null"),
                        "missing required field request_id"),
                Arguments.of(BID.replace("\"schema_version\":1,", ""), "missing required field schema_version"),
                Arguments.of(BID.replace("\"ts\":1767225600123,", ""), "missing required field ts"),
                Arguments.of(BID.replace("\"imp_ids\":[\"1\",\"2\"],", ""), "missing required field imp_ids"),
                Arguments.of(BID.replace("\"outcome\":\"bid\",", ""), "missing required field outcome"),
                Arguments.of(BID.replace("\"processing_us\":850,", ""), "missing required field processing_us"),
                Arguments.of(BID.replace("\"test\":false,", ""), "missing required field test"),
                Arguments.of(BID.replace("\"task_id\":\"8f03e41243824aea923aca126495f665\",", ""),
                        "missing required field task_id"),
                Arguments.of(BID.replace(",\"version\":\"1.4.0\"", ""), "missing required field version"),
                Arguments.of(BID.replace("\"campaign_id\":\"c-42\",", ""), "missing required field bids[].campaign_id"),
                Arguments.of(BID.replace("\"price\":1.25,", ""), "missing required field bids[].price"),
                Arguments.of(WIN.replace("\"bid_id\":\"b-1\",", ""), "missing required field bid_id"),
                Arguments.of(WIN.replace("\"creative_id\":\"cr-9\",", ""), "missing required field creative_id"),
                Arguments.of(BID.replace("\"type\":\"bid\"", "\"type\":\"click\""), "unknown type \"click\""),
                Arguments.of(BID.replace("\"outcome\":\"bid\"", "\"outcome\":\"maybe\""), "unknown outcome \"maybe\""),
                Arguments.of(BID.replace("\"schema_version\":1", "\"schema_version\":2"),
                        "schema_version 2 is not supported"),
                Arguments.of(BID.replace("\"ts\":1767225600123", "\"ts\":\"yesterday\""), "ts must be an integer"),
                Arguments.of(BID.replace("\"ts\":1767225600123", "\"ts\":99999999999999999999"), "ts is out of range"),
                Arguments.of(BID.replace("\"test\":false", "\"test\":0"), "test must be true or false"),
                Arguments.of(BID.replace("\"imp_ids\":[\"1\",\"2\"]", "\"imp_ids\":[1,2]"),
                        "imp_ids must be an array of strings"),
                Arguments.of(BID.replace("\"bids\":[{", "\"bids\":[7,{"), "bids must be an array of objects"),
                Arguments.of(BID.replace("\"price\":1.25", "\"price\":\"1.25\""), "price must be a number"),
                Arguments.of(BID.replace("\"price\":1.25", "\"price\":1.0000001"), "finer than a millionth"),
                Arguments.of(BID.replace("\"reason\":null", "\"reason\":\"no_match\""), "a bid has at least one bid"),
                Arguments.of(NOBID.replace("\"reason\":\"below_floor\"", "\"reason\":null"),
                        "a no-bid has a reason and no bids"),
                Arguments.of(WIN.replace("\"loss_reason\":null", "\"loss_reason\":2"),
                        "only a loss notice has a loss_reason"),
                Arguments.of(BID + "{}", "unexpected content after the JSON object"),
                Arguments.of(BID.substring(0, BID.length() - 20), "malformed JSON"),
                Arguments.of("[1,2]", "not a JSON object"),
                Arguments.of("plain text", "malformed JSON"));
    }

    @ParameterizedTest
    @MethodSource("badLines")
    void rejectsLineNamingWhatIsWrong(String line, String expectedMessage) {
        assertThatThrownBy(() -> BidLogReader.parseLine(line))
                .isInstanceOf(BidLogFormatException.class)
                .hasMessageContaining(expectedMessage);
    }

    @Test
    void namesTheSourceAndLineNumberOfABadLine() throws IOException {
        String text = BID + "\n" + WIN.replace("\"imp_id\":\"1\",", "") + "\n" + NOBID + "\n";
        try (BidLogReader reader = new BidLogReader(new StringReader(text), "bids-t-0000000007.jsonl")) {
            assertThat(reader.next()).isEqualTo(Fixtures.givenBid());

            assertThatThrownBy(reader::next)
                    .isInstanceOf(BidLogFormatException.class)
                    .hasMessage("bids-t-0000000007.jsonl line 2: missing required field imp_id");
            assertThat(reader.lineNumber()).isEqualTo(2);
        }
    }

    @Test
    void rejectsAnEmptyLineInsideAFile() throws IOException {
        try (BidLogReader reader = new BidLogReader(new StringReader(BID + "\n\n" + NOBID + "\n"), "f")) {
            reader.next();

            assertThatThrownBy(reader::next).hasMessage("f line 2: empty line");
        }
    }

    @Test
    void returnsNullAtTheEndAndAcceptsALastLineWithoutLineBreak() throws IOException {
        try (BidLogReader reader = new BidLogReader(new StringReader(BID + "\n" + NOBID), "f")) {
            assertThat(List.of(reader.next(), reader.next()))
                    .containsExactly(Fixtures.givenBid(), Fixtures.givenNoBid());
            assertThat(reader.next()).isNull();
        }
    }
}
