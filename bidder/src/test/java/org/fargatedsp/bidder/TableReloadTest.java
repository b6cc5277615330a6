package org.fargatedsp.bidder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.fargatedsp.bidder.CampaignReloaderTest.health;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.fargatedsp.awstesting.MotoExtension;
import org.fargatedsp.awstesting.MotoServer;
import org.fargatedsp.bidder.auction.Catalog;
import org.fargatedsp.bidder.campaign.BudgetLedger;
import org.fargatedsp.bidder.campaign.ReloadOutcome;
import org.fargatedsp.bidder.campaign.table.CampaignItem;
import org.fargatedsp.bidder.campaign.table.CampaignTable;
import org.fargatedsp.bidder.campaign.table.CampaignTables;
import org.fargatedsp.bidder.campaign.table.TableCampaignSource;
import org.fargatedsp.bidder.logging.CapturedLog;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The reloader on a DynamoDB table in moto: the drop guard applies to tombstones as to a file, and an outage (the
 * moto process stopped) is logged once, keeps the last campaigns bidding and ends with one line when the table
 * answers again. Driven by calling the refresh directly, on a settable clock.
 */
@ExtendWith(MotoExtension.class)
class TableReloadTest {
    private static final long WRITTEN = 1_767_225_600_000L;

    private final AtomicLong clock = new AtomicLong(WRITTEN + 3_600_000);
    private final CapturedLog log = CapturedLog.of(CampaignReloader.class);

    @AfterEach
    void release() {
        log.close();
    }

    @Test
    void refusesTombstonesThatWouldDropMostCampaignsOnceAndClearsTheRefusalWhenTheyAreWrittenBack(
            DynamoDbClient dynamoDb) {
        CampaignTable table = new CampaignTable(dynamoDb, "campaigns");
        table.create();
        CampaignTables.put(table, CampaignTables.campaigns(4, 1.5), WRITTEN);
        CampaignReloader reloader = reloader(table);
        Catalog loaded = reloader.loadNow();
        clock.addAndGet(10_000);
        List<CampaignItem> tombstones = new ArrayList<>();
        for (String id : List.of("c-0", "c-1", "c-2")) {
            tombstones.add(CampaignItem.tombstone(id, clock.get()));
        }
        table.write(tombstones);
        clock.addAndGet(10_000);

        assertThat(reloader.reloadIfChanged()).isEqualTo(ReloadOutcome.REFUSED);
        clock.addAndGet(10_000);
        assertThat(reloader.reloadIfChanged()).as("the same content again").isEqualTo(ReloadOutcome.UNCHANGED);

        assertThat(reloader.get()).isSameAs(loaded);
        assertThat(reloader.rejected()).isTrue();
        assertThat((String) health(reloader).get("reason")).startsWith("it would drop 3 of the 4 campaigns");
        assertThat(log.events()).filteredOn(e -> e.getFormattedMessage().contains("refused")).hasSize(1);

        CampaignTables.put(table, CampaignTables.campaigns(3, 1.5), clock.get());
        clock.addAndGet(10_000);

        assertThat(reloader.reloadIfChanged()).as("written back as they were").isEqualTo(ReloadOutcome.UNCHANGED);
        assertThat(reloader.rejected()).isFalse();
        assertThat(health(reloader)).containsEntry("state", "ok");
        reloader.close();
    }

    @Test
    void anOutageIsLoggedOnceTheLastCampaignsKeepBiddingAndItsEndIsLoggedOnce(MotoServer moto) {
        CampaignTable table = new CampaignTable(moto.dynamoDb(), "campaigns");
        table.create();
        CampaignTables.put(table, CampaignTables.campaigns(3, 1.5), WRITTEN);
        CampaignReloader reloader = reloader(table);
        Catalog loaded = reloader.loadNow();
        long readAt = clock.get();

        moto.stop();
        for (int refresh = 0; refresh < 3; refresh++) {
            clock.addAndGet(30_000);
            assertThat(reloader.reloadIfChanged()).isEqualTo(ReloadOutcome.FAILED);
        }

        assertThat(reloader.get()).isSameAs(loaded);
        assertThat(reloader.readAtMillis()).isEqualTo(readAt);
        assertThat(reloader.rejected()).as("nothing newer was seen").isFalse();
        assertThat(health(reloader)).containsEntry("state", "unreachable").containsEntry("failed_reads", 3)
                .containsEntry("since", "2026-01-01T01:00:30Z");
        assertThat((String) health(reloader).get("reason"))
                .startsWith("DynamoDB Query on table campaigns failed: ");
        assertThat(lines(Level.WARN)).containsExactly(
                "campaign source unreachable; the campaigns loaded before keep bidding");

        moto.restart();
        clock.addAndGet(30_000);
        assertThat(reloader.reloadIfChanged()).as("back, but empty").isEqualTo(ReloadOutcome.FAILED);
        table.create();
        CampaignTables.put(table, CampaignTables.campaigns(3, 1.5), clock.get());
        clock.addAndGet(30_000);

        assertThat(reloader.reloadIfChanged()).isEqualTo(ReloadOutcome.UNCHANGED);
        assertThat(reloader.readAtMillis()).isEqualTo(clock.get());
        assertThat(health(reloader)).containsEntry("state", "ok");
        assertThat(lines(Level.WARN)).hasSize(1);
        assertThat(lines(Level.INFO)).filteredOn(l -> l.contains("reachable")).containsExactly(
                "campaign source reachable again");
        assertThat(reloader.reloads(ReloadOutcome.FAILED)).isEqualTo(4);
        reloader.close();
    }

    private CampaignReloader reloader(CampaignTable table) {
        return new CampaignReloader(new TableCampaignSource(table, null, 10, clock::get), new BudgetLedger(), 50,
                clock::get);
    }

    private List<String> lines(Level level) {
        return log.events().stream().filter(e -> e.getLevel() == level).map(ILoggingEvent::getFormattedMessage)
                .toList();
    }
}
