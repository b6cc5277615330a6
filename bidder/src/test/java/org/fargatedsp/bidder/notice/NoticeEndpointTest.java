package org.fargatedsp.bidder.notice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.fargatedsp.bidder.campaign.BudgetLedger;
import org.fargatedsp.bidder.campaign.CampaignBudget;
import org.fargatedsp.bidder.campaign.TestCampaigns;
import org.fargatedsp.bidder.openrtb.BadRequestException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NoticeEndpointTest {
    private static final long NOW = 1_800_000_000_000L;
    private static final int TODAY = CampaignBudget.day(NOW);
    private static final String BID = "b=abcdef01000000000001&r=req-1&i=1&c=cmp&cr=cmp-300x250&bp=2.5&t=" + NOW;

    private final BudgetLedger ledger = new BudgetLedger();
    private final List<Notice> seen = new ArrayList<>();
    private final List<Boolean> duplicates = new ArrayList<>();
    private final NoticeEndpoint endpoint = new NoticeEndpoint(ledger, (notice, duplicate, spend) -> {
        seen.add(notice);
        duplicates.add(duplicate);
    }, new NoticeDedupe(1_000L * NoticeDedupe.ENTRY_BYTES, 3_600_000));

    NoticeEndpointTest() {
        ledger.budgetOf(TestCampaigns.campaign("cmp").build());
    }

    @Test
    void addsABilledImpressionToItsCampaignsSpend() {
        endpoint.handle(Notice.Type.BILLING, "/notice/billing?" + BID + "&p=2.00", NOW);

        assertThat(ledger.find("cmp").spentMicros(TODAY)).isEqualTo(2_000);
        assertThat(seen).singleElement().satisfies(n -> {
            assertThat(n.requestId()).isEqualTo("req-1");
            assertThat(n.impId()).isEqualTo("1");
            assertThat(n.creativeId()).isEqualTo("cmp-300x250");
            assertThat(n.priceMicros()).isEqualTo(2_000_000);
            assertThat(n.bidPriceMicros()).isEqualTo(2_500_000);
        });
    }

    @Test
    void countsARepeatedBillingNoticeOnce() {
        endpoint.handle(Notice.Type.BILLING, "/notice/billing?" + BID + "&p=2", NOW);
        endpoint.handle(Notice.Type.BILLING, "/notice/billing?" + BID + "&p=2", NOW);

        assertThat(ledger.find("cmp").spentMicros(TODAY)).isEqualTo(2_000);
        assertThat(duplicates).containsExactly(false, true);
    }

    @Test
    void aRepeatIsTheSameTypeForTheSameBidImpressionAndCampaign() {
        endpoint.handle(Notice.Type.WIN, "/notice/win?" + BID + "&p=2", NOW);
        endpoint.handle(Notice.Type.BILLING, "/notice/billing?" + BID + "&p=2", NOW);
        endpoint.handle(Notice.Type.WIN, "/notice/win?" + BID.replace("i=1", "i=2") + "&p=2", NOW);
        endpoint.handle(Notice.Type.WIN, "/notice/win?" + BID.replace("c=cmp", "c=other") + "&p=2", NOW);
        endpoint.handle(Notice.Type.WIN, "/notice/win?" + BID.replace("r=req-1", "r=req-2") + "&p=2.5", NOW);

        assertThat(duplicates).containsExactly(false, false, false, false, true);
    }

    @ParameterizedTest
    @CsvSource({"b", "r", "i", "c", "cr", "d", "p", "bp", "t", "l"})
    void refusesAValueLongerThan128CharactersWithoutEchoingIt(String name) {
        String query = "b=bid&r=q&i=1&c=cmp&cr=x&p=1&" + name + "=" + "7".repeat(4096);
        String withoutTheFirst = query.replaceFirst("(^|&)" + name + "=[^&]*&", "$1");

        assertThatThrownBy(() -> endpoint.handle(Notice.Type.BILLING, "/notice/billing?" + withoutTheFirst, NOW))
                .isInstanceOf(BadRequestException.class)
                .hasMessage(name + " is 4096 characters long; at most 128");
        endpoint.handle(Notice.Type.BILLING, "/notice/billing?b=bid&r=q&i=1&c=cmp&cr=x&p=1&d=" + "d".repeat(128), NOW);
        assertThat(seen).singleElement().satisfies(n -> assertThat(n.dealId()).hasSize(128));
    }

    @Test
    void winAndLossNoticesSpendNothing() {
        endpoint.handle(Notice.Type.WIN, "/notice/win?" + BID + "&p=2", NOW);
        endpoint.handle(Notice.Type.LOSS, "/notice/loss?" + BID + "&p=${AUCTION_PRICE}&l=102", NOW);

        assertThat(ledger.find("cmp").spentMicros(TODAY)).isZero();
        assertThat(seen.get(1).lossReason()).isEqualTo(102);
        assertThat(seen.get(1).priceMicros()).isEqualTo(-1);
    }

    @Test
    void acceptsNoticesOfCampaignsNoLongerLoaded() {
        endpoint.handle(Notice.Type.BILLING, "/notice/billing?b=x&r=q&i=1&c=gone&cr=y&p=1", NOW);

        assertThat(seen).hasSize(1);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "c=cmp&cr=x&p=1 | b is required",
        "b=1&cr=x&p=1 | c is required",
        "b=1&c=cmp&p=1 | cr is required",
        "b=1&c=cmp&cr=x | p (the clearing price) is required",
        "b=1&c=cmp&cr=x&p=${AUCTION_PRICE} | unsubstituted macro",
        "b=1&c=cmp&cr=x&p=abc | not a decimal price",
        "b=1&c=cmp&cr=x&p=-1 | not a CPM",
        "b=1&c=cmp&cr=x&p=3&bp=2.5 | above the bid",
        "b=1&r=q&i=1&c=cmp&cr=x&p=1&t=1000 | older than",
        "b=1&b=2&c=cmp&cr=x&p=1 | more than once",
        "b=1&c=cmp&cr=x&p=1&i=1 | r is required",
        "b=1&c=cmp&cr=x&p=1&r=q | i is required"})
    void refusesABadBillingNotice(String query, String reason) {
        assertThatThrownBy(() -> endpoint.handle(Notice.Type.BILLING, "/notice/billing?" + query, NOW))
                .isInstanceOf(BadRequestException.class).hasMessageContaining(reason);
        assertThat(ledger.find("cmp").spentMicros(TODAY)).isZero();
    }
}
