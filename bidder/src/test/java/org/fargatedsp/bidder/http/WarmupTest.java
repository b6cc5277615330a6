package org.fargatedsp.bidder.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.Map;
import org.fargatedsp.bidder.RunningBidder;
import org.fargatedsp.bidlog.BidLogFileNames;
import org.junit.jupiter.api.Test;

class WarmupTest {

    @Test
    void warmsUpBeforeReadyWithoutCountingLoggingOrSpendingAnything() throws IOException {
        RunningBidder server = RunningBidder.start(Map.of("WARMUP_REQUESTS", "600"));
        try {
            assertThat(server.bidder().state().ready()).isTrue();
            assertThat(server.bidder().stats().bids()).isZero();
            assertThat(server.bidder().stats().noBidsByReason()).isEmpty();
            assertThat(server.bidder().ledger().find("northwind-cloud-display").spentMicros(0)).isZero();
        } finally {
            server.bidder().stopNow();
        }
        assertThat(BidLogFileNames.listReady(server.bidLogDir())).isEmpty();
        server.close();
    }
}
