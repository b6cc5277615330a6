package org.fargatedsp.bidder.notice;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Tokens hold the bid exactly as it was placed, in few characters, and signing one allocates nothing. */
class NoticeSignerTest {
    private static final long NOW = 1_800_000_000_000L;
    private final NoticeSigner signer = TestNotices.signer(TestNotices.KEY_A);

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "exchange-a | req-1          | 1     | deal-1",
        "''         | r\"1 é €        | i 1   | ''",
        "x.y_z      | emoji \ud83d\ude00 | imp&2 | d/1"})
    void holdsEveryFieldOfTheBidAsItWasPlaced(String exchange, String requestId, String impId, String dealId) {
        SignedBid bid = new SignedBid(0xfedcba98L, 0xffff_ffff_fffeL, NOW / 1000, 123_456_789, "EUR",
                exchange.isEmpty() ? null : exchange, requestId, impId, "cämpaign", "creative/1",
                dealId.isEmpty() ? null : dealId);

        SignedBid read = TestNotices.read(TestNotices.KEY_A, signer.token(bid));

        assertThat(read).isEqualTo(bid);
        assertThat(read.bidId()).isEqualTo("fedcba98fffffffffffe");
    }

    @Test
    void writesAShortWebSafeTokenTheSameForTheSameBid() {
        SignedBid bid = TestNotices.bid(7, "northwind-cloud-display", 2_500_000, NOW);
        String token = signer.token(bid);

        // 105 bytes, 140 characters, where the same bid's unsigned query before tokens took 118.
        assertThat(token).matches("[A-Za-z0-9_-]+").isEqualTo(signer.token(bid)).hasSize(140);
        assertThat(token).isNotEqualTo(TestNotices.signer(TestNotices.KEY_B).token(bid));
    }

    @Test
    void writesAnIdPastTheLimitIntoALongerToken() {
        SignedBid bid = new SignedBid(1, 1, NOW / 1000, 1, "USD", null, "r".repeat(5_000), "1", "c", "cr", null);

        assertThat(signer.token(bid)).hasSizeGreaterThan(NoticeToken.MAX_CHARS);
    }

    /** The bid path signs a token per bid on the event loop: it must not add garbage of its own. */
    @Test
    void signingATokenAllocatesNothing() {
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        byte[] currency = "USD".getBytes(StandardCharsets.US_ASCII);
        byte[] ids = NoticeSigner.ids("northwind-cloud-display", "northwind-300x250");
        // Not from an allocator: the tests' paranoid leak detector records every access to those.
        ByteBuf out = Unpooled.wrappedBuffer(new byte[4096]);
        for (int round = 0; round < 20_000; round++) {
            out.clear();
            signer.write(out, 0xabcdef01L, round, NOW, 2_500_000, currency, "exchange-a", "req-1", "1", ids, null);
        }
        long before = threads.getCurrentThreadAllocatedBytes();
        for (int round = 0; round < 10_000; round++) {
            out.clear();
            signer.write(out, 0xabcdef01L, round, NOW, 2_500_000, currency, "exchange-a", "req-1", "1", ids, null);
        }
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        out.release();

        assertThat(allocated).as("bytes allocated by 10,000 tokens").isLessThan(10_000);
    }
}
