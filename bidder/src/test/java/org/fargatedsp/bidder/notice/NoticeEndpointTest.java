package org.fargatedsp.bidder.notice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.fargatedsp.bidder.notice.TestNotices.KEY_A;
import static org.fargatedsp.bidder.notice.TestNotices.KEY_B;
import static org.fargatedsp.bidder.notice.TestNotices.KEY_C;
import static org.fargatedsp.bidder.notice.TestNotices.bid;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.fargatedsp.bidder.auction.FxRates;
import org.fargatedsp.bidder.campaign.BudgetLedger;
import org.fargatedsp.bidder.campaign.InProcessBudget;
import org.fargatedsp.bidder.campaign.TestCampaigns;
import org.fargatedsp.bidder.openrtb.BadRequestException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The notice endpoint on signed notices: what it counts, spends and refuses, and why (400 for a notice it cannot
 * read, 403 for one it did not sign or whose price it cannot take). The clock is the {@code nowMillis} each call
 * passes.
 */
class NoticeEndpointTest {
    private static final long NOW = 1_800_000_000_000L;
    private static final long TTL_MS = 3_600_000;
    private static final SignedBid BID = bid(1, "cmp", 2_500_000, NOW);

    private final BudgetLedger ledger = new BudgetLedger();
    private final List<Notice> seen = new ArrayList<>();
    private final List<Boolean> duplicates = new ArrayList<>();
    private final Map<NoticeRejection, Integer> rejected = new EnumMap<>(NoticeRejection.class);
    private final NoticeSigner signer = TestNotices.signer(KEY_A);
    private final NoticeEndpoint endpoint = endpoint(TestNotices.secrets(KEY_A, null, Map.of()), "");

    NoticeEndpointTest() {
        ledger.budgetOf(TestCampaigns.campaign("cmp").build());
    }

    @Test
    void addsABilledImpressionToItsCampaignsSpend() {
        endpoint.handle(Notice.Type.BILLING, uri(Notice.Type.BILLING, BID, "&p=2.00"), NOW);

        assertThat(spent()).isEqualTo(2_000);
        assertThat(seen).singleElement().satisfies(n -> {
            assertThat(n.bidId()).isEqualTo("abcdef01000000000001");
            assertThat(n.requestId()).isEqualTo("req-1");
            assertThat(n.impId()).isEqualTo("1");
            assertThat(n.creativeId()).isEqualTo("cmp-300x250");
            assertThat(n.currency()).isEqualTo("USD");
            assertThat(n.priceMicros()).isEqualTo(2_000_000);
            assertThat(n.bidPriceMicros()).isEqualTo(2_500_000);
            assertThat(n.bidTimeMillis()).isEqualTo(NOW);
        });
    }

    @Test
    void countsARepeatedBillingNoticeOnce() {
        endpoint.handle(Notice.Type.BILLING, uri(Notice.Type.BILLING, BID, "&p=2"), NOW);
        endpoint.handle(Notice.Type.BILLING, uri(Notice.Type.BILLING, BID, "&p=2"), NOW + 1_000);

        assertThat(spent()).isEqualTo(2_000);
        assertThat(duplicates).containsExactly(false, true);
    }

    @Test
    void aRepeatIsTheSameTypeForTheSameBid() {
        endpoint.handle(Notice.Type.WIN, uri(Notice.Type.WIN, BID, "&p=2"), NOW);
        endpoint.handle(Notice.Type.BILLING, uri(Notice.Type.BILLING, BID, "&p=2"), NOW);
        endpoint.handle(Notice.Type.WIN, uri(Notice.Type.WIN, bid(2, "cmp", 2_500_000, NOW), "&p=2"), NOW);
        endpoint.handle(Notice.Type.WIN, uri(Notice.Type.WIN, BID, "&p=2.5"), NOW);

        assertThat(duplicates).containsExactly(false, false, false, true);
    }

    @Test
    void winAndLossNoticesSpendNothing() {
        endpoint.handle(Notice.Type.WIN, uri(Notice.Type.WIN, BID, "&p=2"), NOW);
        endpoint.handle(Notice.Type.LOSS, uri(Notice.Type.LOSS, BID, "&p=${AUCTION_PRICE}&l=102"), NOW);

        assertThat(spent()).isZero();
        assertThat(seen.get(1).lossReason()).isEqualTo(102);
        assertThat(seen.get(1).priceMicros()).isEqualTo(-1);
    }

    @Test
    void acceptsNoticesOfCampaignsNoLongerLoaded() {
        endpoint.handle(Notice.Type.BILLING, uri(Notice.Type.BILLING, bid(3, "gone", 1_000_000, NOW), "&p=1"), NOW);

        assertThat(seen).hasSize(1);
    }

    @Test
    void convertsTheSpendOfABidInAnotherCurrencyAtTheConfiguredRate() {
        SignedBid eur = new SignedBid(1, 4, NOW / 1000, 3_000_000, "EUR", null, "r", "1", "cmp", "cmp-300x250",
                null);
        NoticeEndpoint converting = endpoint(TestNotices.secrets(KEY_A, null, Map.of()), "EUR=1.10");

        converting.handle(Notice.Type.BILLING, uri(Notice.Type.BILLING, eur, "&p=2"), NOW);

        assertThat(spent()).isEqualTo(2_200);
        assertThat(seen).singleElement().satisfies(n -> assertThat(n.currency()).isEqualTo("EUR"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "''                       | p (the clearing price) is required",
        "&p=${AUCTION_PRICE}      | unsubstituted macro",
        "&p=abc                   | not a decimal price",
        "&p=-1                    | not a CPM",
        "&p=1&p=2                 | p is given more than once",
        "&p=1&tk=x                | tk is given more than once",
        "&p=1&l=%zz               | malformed query"})
    void refusesABillingNoticeItCannotReadWith400(String rest, String reason) {
        assertThatThrownBy(() -> endpoint.handle(Notice.Type.BILLING, uri(Notice.Type.BILLING, BID, rest), NOW))
                .isInstanceOf(BadRequestException.class).hasMessageContaining(reason);
        assertThat(spent()).isZero();
        assertThat(seen).isEmpty();
    }

    @Test
    void refusesAValueLongerThan128CharactersWithoutEchoingIt() {
        SignedBid longRequestId = new SignedBid(1, 5, NOW / 1000, 1_000_000, "USD", null, "7".repeat(129), "1",
                "cmp", "cr", null);

        assertThatThrownBy(() -> endpoint.handle(Notice.Type.LOSS, uri(Notice.Type.LOSS, BID, "&l=" + "7".repeat(4096)),
                NOW)).isInstanceOf(BadRequestException.class).hasMessage("l is 4096 characters long; at most 128");
        assertThatThrownBy(() -> endpoint.handle(Notice.Type.LOSS, "/notice/loss?tk=" + "A".repeat(4096), NOW))
                .isInstanceOf(BadRequestException.class)
                .hasMessage("tk is 4096 characters long; at most " + NoticeToken.MAX_CHARS);
        assertThatThrownBy(() -> endpoint.handle(Notice.Type.LOSS, uri(Notice.Type.LOSS, longRequestId, ""), NOW))
                .isInstanceOf(BadRequestException.class)
                .hasMessage("the request id is 129 characters long; at most 128");
        assertThat(seen).isEmpty();
    }

    /** The issue's own example: a changed notice URL was answered 204, and spent the campaign's budget. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "/notice/billing?b=abcdef01000000000001&r=req-1&i=1&c=cmp&cr=cmp-300x250&bp=2.5&p=2 | unsigned",
        "/notice/billing?p=2                                                              | unsigned",
        "/notice/billing?tk=&p=2                                                          | unsigned",
        "/notice/billing?tk=madeUpTokenmadeUpTokenmadeUpTokenmadeUpTokenmadeUpTokenmadeUpTok&p=2 | tampered",
        "/notice/billing?tk=AQ&p=2                                                        | truncated",
        "/notice/billing?tk=notbase64!notbase64!notbase64!notbase64!notbase64!notbase64!&p=2 | tampered"})
    void refusesANoticeItDidNotSignWith403(String uri, String reason) {
        assertRejected(Notice.Type.BILLING, uri, NOW, reason);
    }

    @Test
    void refusesATokenWithOneCharacterChangedAtAnyPosition() {
        String token = signer.token(BID);
        for (int at = 0; at < token.length(); at++) {
            for (char c : new char[] {'A', 'z', '-', '_', '0', '9', '.', '~'}) {
                if (token.charAt(at) == c) {
                    continue;
                }
                String changed = token.substring(0, at) + c + token.substring(at + 1);
                NoticeRejectedException e = rejection(Notice.Type.BILLING, "/notice/billing?tk=" + changed + "&p=2",
                        NOW);
                assertThat(e.reason()).as("%s at %d", c, at).isIn(NoticeRejection.TAMPERED,
                        NoticeRejection.TRUNCATED, NoticeRejection.UNKNOWN_KEY);
            }
        }
        assertThat(seen).isEmpty();
        assertThat(spent()).isZero();
    }

    @Test
    void refusesATokenWithOneBitFlippedInAnyByteAsTampered() {
        byte[] bytes = Base64.getUrlDecoder().decode(signer.token(BID));
        // Past the version and the key id, which have reasons of their own.
        for (int at = 2; at < bytes.length; at++) {
            for (int bit = 0; bit < 8; bit++) {
                byte[] flipped = bytes.clone();
                flipped[at] ^= (byte) (1 << bit);
                String token = Base64.getUrlEncoder().withoutPadding().encodeToString(flipped);
                assertThat(rejection(Notice.Type.BILLING, "/notice/billing?tk=" + token + "&p=2", NOW).reason())
                        .as("bit %d of byte %d", bit, at).isIn(NoticeRejection.TAMPERED, NoticeRejection.TRUNCATED);
            }
        }
        assertThat(seen).isEmpty();
    }

    @Test
    void refusesATokenCutAtAnyLengthAsTruncated() {
        String token = signer.token(BID);
        for (int length = 0; length < token.length(); length++) {
            String uri = "/notice/billing?tk=" + token.substring(0, length) + "&p=2";
            assertRejected(Notice.Type.BILLING, uri, NOW, length == 0 ? "unsigned" : "truncated");
        }
    }

    @Test
    void refusesATokenWithBytesAppendedAsTampered() {
        byte[] bytes = Base64.getUrlDecoder().decode(signer.token(BID));
        byte[] longer = Arrays.copyOf(bytes, bytes.length + 3);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(longer);

        assertRejected(Notice.Type.BILLING, "/notice/billing?tk=" + token + "&p=2", NOW, "tampered");
    }

    @Test
    void refusesTheNoticeOfABidOlderThanTheDedupeWindow() {
        String uri = uri(Notice.Type.BILLING, BID, "&p=2");

        endpoint.handle(Notice.Type.BILLING, uri, NOW + TTL_MS);
        assertRejected(Notice.Type.BILLING, uri, NOW + TTL_MS + 1_000, "expired");
        assertThat(spent()).isEqualTo(2_000);
    }

    @Test
    void acceptsTokensOfThePreviousKeyDuringARotationAndRefusesAnUnknownKey() {
        NoticeEndpoint rotated = endpoint(TestNotices.secrets(KEY_B, KEY_A, Map.of()), "");

        rotated.handle(Notice.Type.BILLING, uri(Notice.Type.BILLING, BID, "&p=2"), NOW);
        rotated.handle(Notice.Type.WIN, TestNotices.uri(TestNotices.signer(KEY_B), Notice.Type.WIN, BID, "&p=2"), NOW);
        NoticeRejectedException e = rejection(rotated, Notice.Type.WIN,
                TestNotices.uri(TestNotices.signer(KEY_C), Notice.Type.WIN, BID, "&p=2"), NOW);

        assertThat(seen).hasSize(2);
        assertThat(e.reason()).isEqualTo(NoticeRejection.UNKNOWN_KEY);
        assertThat(NoticeSigningKeys.idOf(TestNotices.key(KEY_C))).as("the test keys have distinct ids")
                .isNotIn(NoticeSigningKeys.idOf(TestNotices.key(KEY_A)),
                        NoticeSigningKeys.idOf(TestNotices.key(KEY_B)));
    }

    @Test
    void refusesAClearingPriceAboveTheBidItSigned() {
        assertRejected(Notice.Type.BILLING, uri(Notice.Type.BILLING, BID, "&p=2.500001"), NOW, "price");
        assertRejected(Notice.Type.WIN, uri(Notice.Type.WIN, BID, "&p=3"), NOW, "price");
        endpoint.handle(Notice.Type.BILLING, uri(Notice.Type.BILLING, BID, "&p=2.5"), NOW);

        assertThat(spent()).isEqualTo(2_500);
    }

    @Test
    void ignoresPlainParametersBesideTheTokenThatSayOtherwise() {
        endpoint.handle(Notice.Type.BILLING, uri(Notice.Type.BILLING, BID, "&p=2&c=other&bp=100&b=forged"), NOW);

        assertThat(seen).singleElement().satisfies(n -> {
            assertThat(n.campaignId()).isEqualTo("cmp");
            assertThat(n.bidId()).isEqualTo("abcdef01000000000001");
        });
    }

    @Test
    void countsEveryRefusalByItsReason() {
        rejection(Notice.Type.BILLING, "/notice/billing?p=2", NOW);
        rejection(Notice.Type.BILLING, uri(Notice.Type.BILLING, BID, "&p=9"), NOW);
        rejection(Notice.Type.BILLING, uri(Notice.Type.BILLING, BID, "&p=9"), NOW);

        assertThat(rejected).containsExactly(Map.entry(NoticeRejection.UNSIGNED, 1),
                Map.entry(NoticeRejection.PRICE, 2));
    }

    private String uri(Notice.Type type, SignedBid bid, String rest) {
        return TestNotices.uri(signer, type, bid, rest);
    }

    private void assertRejected(Notice.Type type, String uri, long nowMillis, String reason) {
        assertThat(rejection(type, uri, nowMillis).reason().tag()).as(uri).isEqualTo(reason);
    }

    private NoticeRejectedException rejection(Notice.Type type, String uri, long nowMillis) {
        return rejection(endpoint, type, uri, nowMillis);
    }

    private static NoticeRejectedException rejection(NoticeEndpoint endpoint, Notice.Type type, String uri,
            long nowMillis) {
        try {
            endpoint.handle(type, uri, nowMillis);
        } catch (NoticeRejectedException e) {
            return e;
        }
        throw new AssertionError("accepted " + uri);
    }

    /** A bid placed before its campaign's midnight and billed after it spends the budget of the bid's day. */
    @Test
    void spendsOnTheDayOfTheBid() {
        long midnight = (NOW / 86_400_000 + 1) * 86_400_000;
        SignedBid lateNight = bid(9, "cmp", 2_500_000, midnight - 1_000);

        endpoint.handle(Notice.Type.BILLING, uri(Notice.Type.BILLING, lateNight, "&p=2"), midnight + 5_000);

        InProcessBudget budget = (InProcessBudget) ledger.find("cmp");
        assertThat(budget.spentMicros(midnight - 1)).isEqualTo(2_000);
        assertThat(budget.spentMicros(midnight)).isZero();
    }

    private long spent() {
        return ((InProcessBudget) ledger.find("cmp")).spentMicros(NOW);
    }

    private NoticeEndpoint endpoint(NoticeSecrets secrets, String fxRates) {
        NoticeObserver observer = new NoticeObserver() {
            @Override
            public void notice(Notice notice, boolean duplicate, long spendMicros) {
                seen.add(notice);
                duplicates.add(duplicate);
            }

            @Override
            public void rejected(NoticeRejection reason) {
                rejected.merge(reason, 1, Integer::sum);
            }
        };
        long dedupeBytes = Math.max(1_000L * HeapNoticeDedupe.ENTRY_BYTES, HeapNoticeDedupe.minimumBytes());
        return new NoticeEndpoint(secrets, TTL_MS, new HeapNoticeDedupe(dedupeBytes, TTL_MS), ledger::spend,
                FxRates.parse("USD", fxRates, "FX_RATES", new ArrayList<>()),
                observer);
    }
}
