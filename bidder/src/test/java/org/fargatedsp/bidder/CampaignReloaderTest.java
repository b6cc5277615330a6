package org.fargatedsp.bidder;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.fargatedsp.bidder.auction.Catalog;
import org.fargatedsp.bidder.campaign.BudgetLedger;
import org.fargatedsp.bidder.campaign.Campaign;
import org.fargatedsp.bidder.campaign.CampaignFile;
import org.fargatedsp.bidder.campaign.FileCampaignSource;
import org.fargatedsp.bidder.campaign.ReloadOutcome;
import org.fargatedsp.bidder.campaign.TestCampaigns;
import org.fargatedsp.bidder.logging.CapturedLog;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Campaign reloads, driven by calling the check directly on a temp file and a settable clock: content decides, and a
 * reload that would drop most campaigns is refused, reported once, and leaves the last good ones bidding.
 */
class CampaignReloaderTest {
    private static final FileTime MTIME = FileTime.fromMillis(1_767_225_600_000L);

    @TempDir
    Path dir;

    private final AtomicLong clock = new AtomicLong(1_767_225_600_000L);
    private final CapturedLog log = CapturedLog.of(CampaignReloader.class);
    private Path file;

    @BeforeEach
    void name() {
        file = dir.resolve("campaigns.json");
    }

    @AfterEach
    void release() {
        log.close();
    }

    @Test
    void reloadsAnEditThatKeepsTheSizeAndTheModificationTime() throws IOException {
        write(campaigns(4, 1.5));
        CampaignReloader reloader = reloader(50);
        reloader.loadNow();
        long size = Files.size(file);

        write(campaigns(4, 2.5));

        assertThat(Files.size(file)).isEqualTo(size);
        assertThat(Files.getLastModifiedTime(file)).isEqualTo(MTIME);
        assertThat(reloader.reloadIfChanged()).isEqualTo(ReloadOutcome.LOADED);
        assertThat(reloader.get().snapshot().campaign("c-0").bidMicros()).isEqualTo(2_500_000);
    }

    @Test
    void aFileTouchedOrRewrittenWithTheSameBytesIsNotLoadedAgain() throws IOException {
        write(campaigns(4, 1.5));
        CampaignReloader reloader = reloader(50);
        Catalog loaded = reloader.loadNow();

        Files.setLastModifiedTime(file, FileTime.fromMillis(MTIME.toMillis() + 60_000));
        assertThat(reloader.reloadIfChanged()).isEqualTo(ReloadOutcome.UNCHANGED);
        write(campaigns(4, 1.5));

        assertThat(reloader.reloadIfChanged()).isEqualTo(ReloadOutcome.UNCHANGED);
        assertThat(reloader.get()).isSameAs(loaded);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1})
    void refusesAReloadThatWouldDropMostCampaignsOrAllAndKeepsTheLastGoodOnes(int kept) throws IOException {
        write(campaigns(4, 1.5));
        CampaignReloader reloader = reloader(50);
        Catalog loaded = reloader.loadNow();
        clock.addAndGet(60_000);

        write(campaigns(kept, 1.5));

        assertThat(reloader.reloadIfChanged()).isEqualTo(ReloadOutcome.REFUSED);
        assertThat(reloader.get()).isSameAs(loaded);
        assertThat(reloader.rejected()).isTrue();
        assertThat(reloader.reloads(ReloadOutcome.REFUSED)).isEqualTo(1);
        Map<String, Object> health = health(reloader);
        assertThat(health).containsEntry("state", "refused").containsEntry("since", "2026-01-01T00:01:00Z");
        assertThat((String) health.get("reason")).startsWith("it would drop " + (4 - kept) + " of the 4 campaigns")
                .contains("CAMPAIGNS_MAX_DROP_PERCENT=50").contains("c-3");
        assertThat(refusals()).hasSize(1);

        clock.addAndGet(60_000);
        assertThat(reloader.reloadIfChanged()).as("the same content again").isEqualTo(ReloadOutcome.UNCHANGED);
        assertThat(refusals()).as("logged once for that content").hasSize(1);
        assertThat(health(reloader)).containsEntry("since", "2026-01-01T00:01:00Z");
    }

    @ParameterizedTest
    @CsvSource({"50, refused, 3", "100, loaded, 0"})
    void anEmptyCampaignListIsRefusedUnlessEveryDropIsAllowed(int maxDropPercent, String outcome, int served)
            throws IOException {
        write(campaigns(3, 1.5));
        CampaignReloader reloader = reloader(maxDropPercent);
        reloader.loadNow();

        Files.writeString(file, "{\"campaigns\":[]}");

        assertThat(reloader.reloadIfChanged().tag()).isEqualTo(outcome);
        assertThat(reloader.get().snapshot().campaigns()).hasSize(served);
    }

    @Test
    void logsEachDistinctRefusedContentOnceAndLoadsTheFirstThatKeepsEnough() throws IOException {
        write(campaigns(4, 1.5));
        CampaignReloader reloader = reloader(50);
        reloader.loadNow();

        write(campaigns(0, 1.5));
        assertThat(reloader.reloadIfChanged()).isEqualTo(ReloadOutcome.REFUSED);
        write(campaigns(1, 1.5));
        assertThat(reloader.reloadIfChanged()).isEqualTo(ReloadOutcome.REFUSED);
        assertThat(refusals()).hasSize(2);

        write(campaigns(2, 1.5));
        assertThat(reloader.reloadIfChanged()).as("half dropped is within 50%").isEqualTo(ReloadOutcome.LOADED);
        assertThat(reloader.get().snapshot().campaigns()).hasSize(2);
        assertThat(reloader.rejected()).isFalse();
        assertThat(health(reloader)).containsEntry("state", "ok").doesNotContainKey("reason");
        assertThat(reloader.reloads(ReloadOutcome.REFUSED)).isEqualTo(2);
        assertThat(reloader.reloads(ReloadOutcome.LOADED)).isEqualTo(2);
    }

    @Test
    void aFileRestoredAfterARefusalIsNoLongerRejected() throws IOException {
        write(campaigns(4, 1.5));
        CampaignReloader reloader = reloader(50);
        Catalog loaded = reloader.loadNow();
        write(campaigns(0, 1.5));
        assertThat(reloader.reloadIfChanged()).isEqualTo(ReloadOutcome.REFUSED);

        write(campaigns(4, 1.5));

        assertThat(reloader.reloadIfChanged()).isEqualTo(ReloadOutcome.UNCHANGED);
        assertThat(reloader.rejected()).isFalse();
        assertThat(reloader.get()).isSameAs(loaded);
    }

    @Test
    void anInvalidFileIsReportedOnceAndTheLastGoodCampaignsKeepBidding() throws IOException {
        write(campaigns(4, 1.5));
        CampaignReloader reloader = reloader(50);
        Catalog loaded = reloader.loadNow();

        Files.writeString(file, "{\"campaigns\":[{\"id\":\"broken\"}]}");

        assertThat(reloader.reloadIfChanged()).isEqualTo(ReloadOutcome.FAILED);
        assertThat(reloader.reloadIfChanged()).isEqualTo(ReloadOutcome.UNCHANGED);
        assertThat(reloader.get()).isSameAs(loaded);
        assertThat(health(reloader)).containsEntry("state", "failed");
        assertThat(log.events()).filteredOn(e -> e.getLevel() == Level.ERROR).hasSize(1);
    }

    @Test
    void theCacheReadsTheSourceAgainOnlyOnceTheRefreshIntervalHasPassedSinceItWasWritten() throws IOException {
        write(campaigns(4, 1.5));
        AtomicLong nanos = new AtomicLong();
        CampaignReloader reloader = new CampaignReloader(new FileCampaignSource(file, 0, null), new BudgetLedger(),
                50, clock::get, nanos::get, Runnable::run);
        reloader.loadNow();
        reloader.startCache(30_000);
        write(campaigns(4, 2.5));

        nanos.addAndGet(29_000_000_000L);
        reloader.poke();
        assertThat(reloader.get().snapshot().campaign("c-0").bidMicros()).as("29 s: not yet").isEqualTo(1_500_000);

        nanos.addAndGet(2_000_000_000L);
        reloader.poke();
        assertThat(reloader.get().snapshot().campaign("c-0").bidMicros()).as("31 s").isEqualTo(2_500_000);
        assertThat(reloader.reloads(ReloadOutcome.LOADED)).isEqualTo(2);

        write(campaigns(4, 3.5));
        nanos.addAndGet(29_000_000_000L);
        reloader.poke();
        assertThat(reloader.get().snapshot().campaign("c-0").bidMicros()).as("29 s after the last refresh")
                .isEqualTo(2_500_000);
        reloader.close();
    }

    private CampaignReloader reloader(int maxDropPercent) {
        return new CampaignReloader(new FileCampaignSource(file, 0, null), new BudgetLedger(), maxDropPercent,
                clock::get);
    }

    /** {@code count} campaigns c-0, c-1 and so on, bidding {@code cpm}: a one-digit price keeps the file's size. */
    private static List<Campaign> campaigns(int count, double cpm) {
        List<Campaign> campaigns = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            campaigns.add(TestCampaigns.campaign("c-" + i).bid(cpm).build());
        }
        return campaigns;
    }

    /** Writes the file and sets its modification time back to the same instant every time. */
    private void write(List<Campaign> campaigns) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CampaignFile.write(campaigns, out);
        Files.write(file, out.toByteArray());
        Files.setLastModifiedTime(file, MTIME);
    }

    /** The reloader's part of {@code /health}. */
    static Map<String, Object> health(CampaignReloader reloader) {
        Map<String, Object> details = new HashMap<>();
        reloader.addTo(details);
        @SuppressWarnings("unchecked")
        Map<String, Object> reload = (Map<String, Object>) details.get("campaigns_reload");
        return reload;
    }

    private List<ILoggingEvent> refusals() {
        return log.events().stream().filter(e -> e.getFormattedMessage().contains("refused")).toList();
    }
}
