package org.fargatedsp.bidder.notice;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.fargatedsp.bidder.OpenRtbExamples;
import org.fargatedsp.bidder.RunningBidder;
import org.fargatedsp.bidder.campaign.InProcessBudget;
import org.fargatedsp.bidder.json.Json;
import org.junit.jupiter.api.Test;

/**
 * Signed notices over real HTTP, as an exchange calls them: a bid's own URLs are taken; made-up, altered, expired,
 * over-priced and wrongly keyed ones are refused with 403 and a reason, and spend nothing; keys rotate across
 * restarts; encrypted prices decrypt with Google's published vectors.
 */
class SignedNoticeHttpTest {
    private static final byte[] SIMPLE_BANNER = OpenRtbExamples.request("2.6/simple-banner.json");
    private static final long TTL_MS = 3_600_000;
    /** Encrypted by Google's sample keys ({@link EncryptedPriceTest}): 2,700 CPM micros. */
    private static final String ENCRYPTED_2700 = "YWJjMTIzZGVmNDU2Z2hpN7fhCuPemC32prpWWw";

    private final AtomicLong nowMs = new AtomicLong(1_800_000_000_000L);

    @Test
    void takesEachOfABidsOwnNoticeUrlsAndCountsARepeatedBillingOnce() {
        try (RunningBidder server = start(Map.of())) {
            JsonNode bid = bid(server, "/openrtb2/bid");
            InProcessBudget budget = (InProcessBudget) server.bidder().ledger().find(bid.path("cid").asText());
            long before = budget.spentMicros(today());

            assertThat(call(server, bid.path("nurl").asText(), "0.80").statusCode()).isEqualTo(204);
            assertThat(call(server, bid.path("burl").asText(), "0.80").statusCode()).isEqualTo(204);
            assertThat(call(server, bid.path("burl").asText(), "0.80").statusCode()).as("replayed").isEqualTo(204);
            assertThat(call(server, bid.path("lurl").asText().replace("${AUCTION_LOSS}", "102"), null).statusCode())
                    .isEqualTo(204);

            assertThat(budget.spentMicros(today())).isEqualTo(before + 800);
            assertThat(server.bidder().stats().noticesByType()).containsEntry(Notice.Type.WIN, 1L)
                    .containsEntry(Notice.Type.BILLING, 2L).containsEntry(Notice.Type.LOSS, 1L);
            assertThat(server.bidder().stats().duplicateNotices()).isEqualTo(1);
        }
    }

    /**
     * The report: a changed notice URL was answered 204 and spent the campaign's budget. Now every one of
     * its token's characters changed, the token cut, made up or left out is a 403 with its reason, and spends nothing.
     */
    @Test
    void aChangedNoticeUrlIsRefusedWith403AndSpendsNothing() {
        try (RunningBidder server = start(Map.of())) {
            JsonNode bid = bid(server, "/openrtb2/bid");
            String burl = bid.path("burl").asText();
            String token = TestNotices.token(burl);
            InProcessBudget budget = (InProcessBudget) server.bidder().ledger().find(bid.path("cid").asText());
            long before = budget.spentMicros(today());

            for (int at = 0; at < token.length(); at++) {
                assertThat(call(server, burl.replace(token, TestNotices.changedAt(token, at)), "0.80").statusCode())
                        .as("character %d changed", at).isEqualTo(403);
            }
            // A character of the MAC: the content still reads, and no longer matches it.
            HttpResponse<byte[]> tampered = call(server, burl.replace(token,
                    TestNotices.changedAt(token, token.length() - 10)), "0.80");
            HttpResponse<byte[]> truncated = call(server, burl.replace(token, token.substring(0, token.length() - 5)),
                    "0.80");
            HttpResponse<byte[]> madeUp = call(server, burl.replace(token, "AQ" + "x".repeat(token.length() - 2)),
                    "0.80");
            HttpResponse<byte[]> unsigned = server.get("/notice/billing?b=" + bid.path("id").asText()
                    + "&r=1&i=1&c=" + bid.path("cid").asText() + "&cr=" + bid.path("crid").asText() + "&p=0.80");

            assertThat(body(tampered)).contains("does not match its signature");
            assertThat(body(truncated)).contains("cut short");
            assertThat(madeUp.statusCode()).isEqualTo(403);
            assertThat(unsigned.statusCode()).isEqualTo(403);
            assertThat(body(unsigned)).contains("carries no token");
            assertThat(budget.spentMicros(today())).isEqualTo(before);
            assertThat(server.bidder().stats().noticesByType()).allSatisfy((type, n) -> assertThat(n).isZero());
            long refused = 0;
            for (NoticeRejection reason : NoticeRejection.values()) {
                refused += server.bidder().stats().rejectedNotices(reason);
            }
            assertThat(refused).as("every refusal counted by its reason").isEqualTo(token.length() + 4);
            assertThat(server.bidder().stats().rejectedNotices(NoticeRejection.UNSIGNED)).isEqualTo(1);
            assertThat(call(server, burl, "0.80").statusCode()).as("the bid's own URL still").isEqualTo(204);
            assertThat(budget.spentMicros(today())).isEqualTo(before + 800);
        }
    }

    @Test
    void refusesAClearingPriceAboveTheBidAndANoticeOlderThanTheWindow() {
        try (RunningBidder server = start(Map.of())) {
            JsonNode bid = bid(server, "/openrtb2/bid");
            String above = bid.path("price").decimalValue().add(new java.math.BigDecimal("0.000001")).toPlainString();

            HttpResponse<byte[]> overpriced = call(server, bid.path("burl").asText(), above);
            nowMs.addAndGet(TTL_MS + 1_000);
            HttpResponse<byte[]> expired = call(server, bid.path("burl").asText(), "0.01");

            assertThat(overpriced.statusCode()).isEqualTo(403);
            assertThat(body(overpriced)).contains("is above the bid");
            assertThat(expired.statusCode()).isEqualTo(403);
            assertThat(body(expired)).contains("older than the 3600000 ms notice window");
            assertThat(server.bidder().stats().rejectedNotices(NoticeRejection.PRICE)).isEqualTo(1);
            assertThat(server.bidder().stats().rejectedNotices(NoticeRejection.EXPIRED)).isEqualTo(1);
        }
    }

    @Test
    void takesTheNoticesOfTheKeyBeforeARotationAndRefusesThoseOfAKeyItDoesNotHold() {
        String burl;
        try (RunningBidder before = start(Map.of("NOTICE_SIGNING_KEY", TestNotices.KEY_A))) {
            burl = bid(before, "/openrtb2/bid").path("burl").asText();
        }
        try (RunningBidder rotated = start(Map.of("NOTICE_SIGNING_KEY", TestNotices.KEY_B,
                "NOTICE_SIGNING_KEY_PREVIOUS", TestNotices.KEY_A))) {
            assertThat(call(rotated, burl, "0.50").statusCode()).as("signed with the previous key").isEqualTo(204);
            String fresh = bid(rotated, "/openrtb2/bid").path("burl").asText();
            assertThat(TestNotices.read(TestNotices.KEY_B, TestNotices.token(fresh))).as("new ones with the new key")
                    .isNotNull();
        }
        try (RunningBidder after = start(Map.of("NOTICE_SIGNING_KEY", TestNotices.KEY_C))) {
            HttpResponse<byte[]> response = call(after, burl, "0.50");

            assertThat(response.statusCode()).isEqualTo(403);
            assertThat(body(response)).contains("neither NOTICE_SIGNING_KEY nor NOTICE_SIGNING_KEY_PREVIOUS");
            assertThat(after.bidder().stats().rejectedNotices(NoticeRejection.UNKNOWN_KEY)).isEqualTo(1);
        }
    }

    @Test
    void decryptsTheEncryptedPriceOfAnExchangeWithKeysAndRefusesATamperedOne() {
        try (RunningBidder server = start(Map.of("NOTICE_PRICE_KEYS",
                "google:" + EncryptedPriceTest.E_KEY + ":" + EncryptedPriceTest.I_KEY))) {
            JsonNode bid = bid(server, "/openrtb2/bid/google");
            InProcessBudget budget = (InProcessBudget) server.bidder().ledger().find(bid.path("cid").asText());
            long before = budget.spentMicros(today());
            String tamperedPrice = ENCRYPTED_2700.substring(0, 20) + "A" + ENCRYPTED_2700.substring(21);

            HttpResponse<byte[]> tampered = call(server, bid.path("burl").asText(), tamperedPrice);
            HttpResponse<byte[]> plain = call(server, bid.path("burl").asText(), "0.0027");
            HttpResponse<byte[]> encrypted = call(server, bid.path("burl").asText(), ENCRYPTED_2700);
            HttpResponse<byte[]> elsewhere = call(server, bid(server, "/openrtb2/bid").path("burl").asText(),
                    ENCRYPTED_2700);

            assertThat(tampered.statusCode()).isEqualTo(403);
            assertThat(body(tampered)).contains("fails its integrity check");
            assertThat(plain.statusCode()).isEqualTo(403);
            assertThat(body(plain)).contains("exchange google encrypts its prices");
            assertThat(encrypted.statusCode()).isEqualTo(204);
            assertThat(budget.spentMicros(today())).as("2,700 CPM micros: 2 micros an impression")
                    .isEqualTo(before + 2);
            assertThat(elsewhere.statusCode()).as("a bid through a path without an exchange").isEqualTo(400);
            assertThat(body(elsewhere)).contains("names no exchange");
            assertThat(server.bidder().stats().rejectedNotices(NoticeRejection.PRICE_INTEGRITY)).isEqualTo(2);
        }
    }

    /** Anyone who reaches the bid check gets a response with notice URLs: they must never spend. */
    @Test
    void refusesTheNoticeUrlsOfABidCheck() throws IOException {
        try (RunningBidder server = start(Map.of())) {
            HttpResponse<byte[]> check = server.send(HttpRequest.newBuilder(server.uri("/openrtb2/bid/check"))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(SIMPLE_BANNER)).build());
            JsonNode bid = Json.MAPPER.readTree(check.body()).path("response").path("seatbid").get(0).path("bid")
                    .get(0);

            assertThat(call(server, bid.path("burl").asText(), "0.01").statusCode()).isEqualTo(403);
            assertThat(server.bidder().stats().noticesByType()).allSatisfy((type, n) -> assertThat(n).isZero());
        }
    }

    private RunningBidder start(Map<String, String> env) {
        Map<String, String> all = new HashMap<>(Map.of("BID_LOG_ENABLED", "false",
                "NOTICE_DEDUPE_TTL_MS", Long.toString(TTL_MS)));
        all.putAll(env);
        return RunningBidder.start(all, nowMs::get);
    }

    /** Now, on the bidder's clock: spend counts on the day of the bid, and the test's bids are placed now. */
    private long today() {
        return nowMs.get();
    }

    /** The first bid of the simple banner, bid on at {@code path}. */
    private static JsonNode bid(RunningBidder server, String path) {
        HttpResponse<byte[]> response = server.send(HttpRequest.newBuilder(server.uri(path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(SIMPLE_BANNER)).build());
        assertThat(response.statusCode()).isEqualTo(200);
        try {
            return Json.MAPPER.readTree(response.body()).path("seatbid").get(0).path("bid").get(0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Calls a notice URL of a bid on the test server, with {@code price} substituted for the macro (null: none). */
    private static HttpResponse<byte[]> call(RunningBidder server, String url, String price) {
        String substituted = price == null ? url.replace("&p=${AUCTION_PRICE}", "")
                : url.replace("${AUCTION_PRICE}", price);
        URI uri = URI.create(substituted);
        return server.send(HttpRequest.newBuilder(server.uri(uri.getRawPath() + "?" + uri.getRawQuery())).GET()
                .build());
    }

    private static String body(HttpResponse<byte[]> response) {
        return new String(response.body(), StandardCharsets.UTF_8);
    }
}
