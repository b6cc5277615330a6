package org.fargatedsp.bidder.metrics;

import org.fargatedsp.bidder.auction.NoBidReason;
import org.fargatedsp.bidder.budget.BudgetStats;
import org.fargatedsp.bidder.check.CheckOutcome;
import org.fargatedsp.bidder.http.ConnectionStats;
import org.fargatedsp.bidder.notice.NoticeRejection;
import org.fargatedsp.bidder.openrtb.BadRequestException;
import org.fargatedsp.bidder.openrtb.BidRequestDecoder;
import org.fargatedsp.bidder.openrtb.RepairField;
import org.fargatedsp.bidder.openrtb.Repairs;
import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.util.concurrent.DefaultEventExecutorGroup;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.fargatedsp.bidlog.RecordType;
import org.fargatedsp.bidder.bidlog.DropCause;
import org.fargatedsp.bidder.campaign.ReloadOutcome;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class BidderMetricsTest {
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final BidderMetrics metrics = new BidderMetrics(registry);

    @AfterEach
    void close() {
        metrics.close();
    }

    @Test
    void registersEveryMeterTheDocumentationListsAndNoOther() throws IOException {
        metrics.bindBidLog(new FixedBidLogStats(0, 0, 0, 0, false, false, 0, 0));
        metrics.bindCampaigns(() -> 0, () -> 0, () -> 0);
        metrics.bindCampaignReloads(outcome -> 0, () -> false);
        metrics.bindNoticeDedupe(() -> 0, () -> 0);
        metrics.bindBudget(new FixedBudgetStats(false, 0, 0, 0));
        metrics.bindConnections(new ConnectionStats());

        Set<String> registered = registry.getMeters().stream().map(m -> m.getId().getName())
                .filter(n -> n.startsWith("dsp."))
                // Percentile and bucket gauges are documented with their timer or summary.
                .filter(n -> !n.endsWith(".percentile") && !n.endsWith(".histogram"))
                .collect(Collectors.toCollection(TreeSet::new));

        Set<String> documented = new TreeSet<>();
        Matcher m = Pattern.compile("^\\| `(dsp\\.[a-z._]+)` \\|", Pattern.MULTILINE)
                .matcher(Files.readString(Path.of("../README.md")));
        while (m.find()) {
            documented.add(m.group(1));
        }
        assertThat(registered).isEqualTo(documented);
    }

    @Test
    void readsTheBudgetTableStateInCurrencyUnits() {
        metrics.bindBudget(new FixedBudgetStats(true, 1_500_000, 250_000, 3));

        assertThat(registry.get(BidderMetrics.BUDGET_TABLE_FAILING).gauge().value()).isEqualTo(1);
        assertThat(registry.get(BidderMetrics.BUDGET_UNFLUSHED).gauge().value()).isEqualTo(1.5);
        assertThat(registry.get(BidderMetrics.BUDGET_LATE_SPEND).functionCounter().count()).isEqualTo(0.25);
        assertThat(registry.get(BidderMetrics.NOTICE_DEDUPE_FALLBACKS).functionCounter().count()).isEqualTo(3);
    }

    /** The budgets' figures, fixed. */
    private record FixedBudgetStats(boolean tableFailing, long unflushedMicros, long lateSpendMicros,
            long dedupeFallbacks) implements BudgetStats {}

    @Test
    void preRegistersEveryTagCombinationBeforeTheFirstRequest() {
        assertThat(registry.find(BidderMetrics.REQUESTS).counters())
                .hasSize(2 + NoBidReason.values().length + BadRequestException.Kind.values().length);
        assertThat(registry.find(BidderMetrics.HTTP_RESPONSES).counters()).hasSize(3);
        assertThat(registry.find(BidderMetrics.NOTICES).counters()).hasSize(3);
        assertThat(registry.find(BidderMetrics.BAD_REQUESTS).counters())
                .hasSize(BadRequestException.Kind.values().length);
        assertThat(registry.find(BidderMetrics.REPAIRS).counters()).hasSize(RepairField.values().length)
                .extracting(c -> c.getId().getTag("field"))
                .containsExactlyInAnyOrderElementsOf(Stream.of(RepairField.values()).map(RepairField::path).toList());
        assertThat(registry.find(BidderMetrics.IMPS_DUPLICATE).counters()).hasSize(1);
    }

    @ParameterizedTest
    @EnumSource(NoBidReason.class)
    void countsANoBidUnderItsReason(NoBidReason reason) {
        metrics.noBid(reason);

        assertThat(count("outcome", "nobid", "reason", reason.tag())).isEqualTo(1);
        assertThat(registry.find(BidderMetrics.REQUESTS).counters().stream().mapToDouble(c -> c.count()).sum())
                .isEqualTo(1);
    }

    @ParameterizedTest
    @EnumSource(CheckOutcome.class)
    void countsABidCheckUnderItsOutcomeAndNeverAsABidRequest(CheckOutcome outcome) {
        new MetricsObserver(metrics, System::nanoTime).check(outcome);

        assertThat(registry.get(BidderMetrics.BID_CHECKS).tag("outcome", outcome.tag()).counter().count())
                .isEqualTo(1);
        assertThat(registry.find(BidderMetrics.BID_CHECKS).counters()).hasSize(CheckOutcome.values().length);
        assertThat(registry.find(BidderMetrics.REQUESTS).counters().stream().mapToDouble(c -> c.count()).sum())
                .isZero();
    }

    @ParameterizedTest
    @EnumSource(BadRequestException.Kind.class)
    void countsABadRequestAsBadAndAsAnErroredRequest(BadRequestException.Kind kind) {
        metrics.badRequest(kind);

        assertThat(registry.get(BidderMetrics.BAD_REQUESTS).tag("kind", kind.tag()).counter().count()).isEqualTo(1);
        assertThat(count("outcome", "error", "reason", kind.tag())).isEqualTo(1);
    }

    @Test
    void countsEveryRepairByItsFieldAndDuplicateImpressionsApart() {
        Repairs repairs = new Repairs();
        byte[] json = """
                {"id":"r","imp":[{"id":"1","banner":{"w":"300","h":"250"}},{"id":"2","banner":{"w":"728","h":90}},
                 {"id":"1"},{"id":"1"}],"bcat":"IAB25"}""".getBytes(StandardCharsets.UTF_8);
        new BidRequestDecoder(10, 4096).decode(json, 0, json.length, repairs);

        metrics.repaired(repairs);

        assertThat(registry.get(BidderMetrics.REPAIRS).tag("field", "imp.banner.w").counter().count()).isEqualTo(2);
        assertThat(registry.get(BidderMetrics.REPAIRS).tag("field", "imp.banner.h").counter().count()).isEqualTo(1);
        assertThat(registry.get(BidderMetrics.REPAIRS).tag("field", "bcat").counter().count()).isEqualTo(1);
        assertThat(registry.find(BidderMetrics.REPAIRS).counters().stream().mapToDouble(c -> c.count()).sum())
                .isEqualTo(4);
        assertThat(registry.get(BidderMetrics.IMPS_DUPLICATE).counter().count()).isEqualTo(2);
    }

    @Test
    void countsBidsAndInternalErrors() {
        metrics.bid();
        metrics.bid();
        metrics.internalError();

        assertThat(count("outcome", "bid", "reason", "none")).isEqualTo(2);
        assertThat(count("outcome", "error", "reason", "internal")).isEqualTo(1);
    }

    @ParameterizedTest
    @CsvSource({"200, 2xx", "204, 2xx", "302, 2xx", "400, 4xx", "413, 4xx", "499, 4xx", "500, 5xx", "503, 5xx"})
    void countsResponsesByStatusClass(int status, String statusClass) {
        metrics.response(status);

        assertThat(registry.get(BidderMetrics.HTTP_RESPONSES).tag("status_class", statusClass).counter().count())
                .isEqualTo(1);
    }

    @Test
    void recordsLatencyPricesNoticesAndSpendInTheirUnits() {
        metrics.latencyNanos(TimeUnit.MICROSECONDS.toNanos(1500));
        metrics.bidPriceMicros(2_500_000);
        metrics.notice(RecordType.BILLING);
        metrics.notice(RecordType.BID);
        metrics.spendCpmMicros(3_000_000);

        assertThat(registry.get(BidderMetrics.REQUEST_LATENCY).timer().totalTime(TimeUnit.MICROSECONDS))
                .isEqualTo(1500);
        assertThat(registry.get(BidderMetrics.BID_PRICE).summary().totalAmount()).isEqualTo(2.5);
        assertThat(registry.get(BidderMetrics.NOTICES).tag("type", "billing").counter().count()).isEqualTo(1);
        assertThat(registry.find(BidderMetrics.NOTICES).counters().stream().mapToDouble(c -> c.count()).sum())
                .isEqualTo(1);
        assertThat(registry.get(BidderMetrics.SPEND).counter().count()).isEqualTo(0.003);
    }

    @Test
    void countsRefusedNoticesByReasonWithEveryReasonRegistered() {
        metrics.noticeRejected(NoticeRejection.TAMPERED);
        metrics.noticeRejected(NoticeRejection.TAMPERED);
        metrics.noticeRejected(NoticeRejection.PRICE_INTEGRITY);

        assertThat(registry.find(BidderMetrics.NOTICES_REJECTED).counters()).hasSize(NoticeRejection.values().length);
        assertThat(registry.get(BidderMetrics.NOTICES_REJECTED).tag("reason", "tampered").counter().count())
                .isEqualTo(2);
        assertThat(registry.get(BidderMetrics.NOTICES_REJECTED).tag("reason", "price_integrity").counter().count())
                .isEqualTo(1);
    }

    @Test
    void followsTheCampaignSnapshotAndShowsNoAgeBeforeTheFirstLoad() {
        AtomicInteger active = new AtomicInteger();
        long[] loadedAt = {0};
        metrics.bindCampaigns(active::get, () -> loadedAt[0], () -> 90_000);

        assertThat(registry.get(BidderMetrics.CAMPAIGNS_AGE).gauge().value()).isNaN();

        active.set(25);
        loadedAt[0] = 60_000;
        assertThat(registry.get(BidderMetrics.CAMPAIGNS_ACTIVE).gauge().value()).isEqualTo(25);
        assertThat(registry.get(BidderMetrics.CAMPAIGNS_AGE).gauge().value()).isEqualTo(30);
    }

    @Test
    void readsTheBidLogFiguresWhenPublished() {
        metrics.bindBidLog(new FixedBidLogStats(3, 1, 4096, 2, true, true, 77, 9));

        assertThat(registry.get(BidderMetrics.BIDLOG_QUEUE_DEPTH).gauge().value()).isEqualTo(3);
        assertThat(registry.get(BidderMetrics.BIDLOG_QUEUE_BYTES).gauge().value()).isEqualTo(3000);
        assertThat(registry.get(BidderMetrics.BIDLOG_DISK_BYTES).gauge().value()).isEqualTo(4096);
        assertThat(registry.get(BidderMetrics.BIDLOG_FILES_PUBLISHING).gauge().value()).isEqualTo(1);
        assertThat(registry.get(BidderMetrics.BIDLOG_DISK_FILES).gauge().value()).isEqualTo(2);
        assertThat(registry.get(BidderMetrics.BIDLOG_DISK_OVER_BUDGET).gauge().value()).isEqualTo(1);
        assertThat(registry.get(BidderMetrics.BIDLOG_WRITE_FAILING).gauge().value()).isEqualTo(1);
        assertThat(registry.get(BidderMetrics.BIDLOG_WRITTEN).functionCounter().count()).isEqualTo(77);
        for (DropCause cause : DropCause.values()) {
            assertThat(registry.get(BidderMetrics.BIDLOG_DROPPED).tag("cause", cause.tag()).functionCounter().count())
                    .isEqualTo(cause == DropCause.QUEUE_FULL ? 9 : 0);
        }
    }

    @Test
    void readsTheCampaignReloadsAndTheNoticeDedupeWhenPublished() {
        boolean[] rejected = {true};
        metrics.bindCampaignReloads(outcome -> outcome.ordinal() * 10L, () -> rejected[0]);
        metrics.bindNoticeDedupe(() -> 1600, () -> 10);

        for (ReloadOutcome outcome : List.of(ReloadOutcome.LOADED, ReloadOutcome.REFUSED, ReloadOutcome.FAILED)) {
            assertThat(registry.get(BidderMetrics.CAMPAIGNS_RELOADS).tag("outcome", outcome.tag()).functionCounter()
                    .count()).isEqualTo(outcome.ordinal() * 10);
        }
        assertThat(registry.get(BidderMetrics.CAMPAIGNS_RELOAD_REJECTED).gauge().value()).isEqualTo(1);
        rejected[0] = false;
        assertThat(registry.get(BidderMetrics.CAMPAIGNS_RELOAD_REJECTED).gauge().value()).isZero();
        assertThat(registry.get(BidderMetrics.NOTICE_DEDUPE_BYTES).gauge().value()).isEqualTo(1600);
        assertThat(registry.get(BidderMetrics.NOTICE_DEDUPE_ENTRIES).gauge().value()).isEqualTo(10);
    }

    @Test
    void bindsJvmAndNettyMeters() {
        DefaultEventExecutorGroup loops = new DefaultEventExecutorGroup(2);
        try {
            metrics.bindNettyAllocator(PooledByteBufAllocator.DEFAULT);
            metrics.bindEventLoops(loops);

            Set<String> names = registry.getMeters().stream().map(Meter::getId).map(Meter.Id::getName)
                    .collect(Collectors.toSet());
            assertThat(names).contains("jvm.memory.used", "jvm.threads.live", "jvm.gc.memory.allocated",
                    "process.cpu.usage", "netty.allocator.memory.used", "netty.eventexecutor.tasks.pending");
        } finally {
            loops.shutdownGracefully(0, 0, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    private double count(String k1, String v1, String k2, String v2) {
        return registry.get(BidderMetrics.REQUESTS).tag(k1, v1).tag(k2, v2).counter().count();
    }
}
