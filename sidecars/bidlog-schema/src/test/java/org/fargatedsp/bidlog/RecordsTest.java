package org.fargatedsp.bidlog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.ThrowingSupplier;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RecordsTest {
    private static final String[] IMPS = {"1"};
    private static final BidEntry[] ONE_BID = {new BidEntry("1", "b", null, "c", "cr", null, 1, "USD")};

    static Stream<Arguments> invalidRecords() {
        return Stream.of(
                Arguments.of((ThrowingSupplier<?>) () -> BidRecord.bid(1, null, null, IMPS, ONE_BID, 1, false,
                        "t", "v"), "request_id is required"),
                Arguments.of((ThrowingSupplier<?>) () -> BidRecord.noBid(1, "r", null, new String[] {null},
                        "no_match", 1, false, "t", "v"), "imp_ids must not contain null"),
                Arguments.of((ThrowingSupplier<?>) () -> BidRecord.noBid(1, "r", null, IMPS, null, 1, false, "t",
                        "v"), "a no-bid has a reason"),
                Arguments.of((ThrowingSupplier<?>) () -> BidRecord.bid(1, "r", null, IMPS, new BidEntry[0], 1, false,
                        "t", "v"), "a bid has at least one bid"),
                Arguments.of((ThrowingSupplier<?>) () -> BidRecord.bid(1, "r", null, IMPS, ONE_BID, 1, false, null,
                        "v"), "task_id is required"),
                Arguments.of((ThrowingSupplier<?>) () -> new BidEntry("1", "b", null, "c", "cr", null, -5, "USD"),
                        "price must not be negative"),
                Arguments.of((ThrowingSupplier<?>) () -> new BidEntry("1", "b", null, "c", "cr", null, 1, null),
                        "cur is required"),
                Arguments.of((ThrowingSupplier<?>) () -> new NoticeRecord(RecordType.BID, 1, "r", "1", "b", "c", "cr",
                        1, "USD", -1, "t", "v"), "a notice's type is win, billing or loss"),
                Arguments.of((ThrowingSupplier<?>) () -> new NoticeRecord(RecordType.WIN, 1, "r", "1", "b", "c", "cr",
                        1, "USD", 3, "t", "v"), "only a loss notice has a loss_reason"),
                Arguments.of((ThrowingSupplier<?>) () -> new NoticeRecord(RecordType.WIN, 1, "r", "1", "b", "c", "cr",
                        -2, "USD", -1, "t", "v"), "price must not be negative"));
    }

    @ParameterizedTest
    @MethodSource("invalidRecords")
    void refusesToBuildARecordTheSchemaWouldReject(ThrowingSupplier<?> build, String message) {
        assertThatThrownBy(build::get).isInstanceOf(IllegalArgumentException.class).hasMessageContaining(message);
    }

    @Test
    void comparesBidRecordsByContentNotArrayIdentity() {
        BidRecord a = Fixtures.givenBid();
        BidRecord b = Fixtures.givenBid();

        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
        assertThat(a).isNotEqualTo(Fixtures.givenNoBid());
        assertThat(a.toString()).contains("req-1", "[1, 2]", "c-42");
    }

    @Test
    void aNoBidToARequestShedUnreadHasNoRequestIdNorImpressions() {
        BidRecord shed = Fixtures.givenShed();

        assertThat(shed.requestId()).isNull();
        assertThat(shed.impIds()).isEmpty();
        assertThat(shed).isEqualTo(Fixtures.givenShed()).hasSameHashCodeAs(Fixtures.givenShed());
        assertThat(shed).isNotEqualTo(Fixtures.givenNoBid());
    }

    @Test
    void mapsTypeAndOutcomeCodesBothWays() {
        for (RecordType t : RecordType.values()) {
            assertThat(RecordType.fromCode(t.code())).isSameAs(t);
        }
        for (Outcome o : Outcome.values()) {
            assertThat(Outcome.fromCode(o.code())).isSameAs(o);
        }
        assertThat(RecordType.fromCode("BID")).isNull();
        assertThat(Outcome.fromCode("")).isNull();
    }
}
