package org.fargatedsp.bidder.campaign.table;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.fargatedsp.bidder.campaign.Campaign;
import org.fargatedsp.bidder.campaign.CampaignFile;
import org.fargatedsp.bidder.campaign.CampaignFile.CampaignJson;
import org.fargatedsp.bidder.campaign.TestCampaigns;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;

/** Campaign tables for tests: created as the import creates them, filled with campaigns written at a given time. */
public final class CampaignTables {
    private CampaignTables() {}

    /** The items that hold {@code campaigns}, written at {@code writtenAtMillis}. */
    public static List<CampaignItem> items(List<Campaign> campaigns, long writtenAtMillis) {
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        CampaignFile.write(campaigns, file);
        List<CampaignItem> items = new ArrayList<>();
        for (CampaignJson json : CampaignFile.parse(new ByteArrayInputStream(file.toByteArray()), "test")
                .campaigns()) {
            items.add(CampaignItem.holding(json, writtenAtMillis));
        }
        return items;
    }

    /** Writes {@code campaigns} into {@code table}, each item dated {@code writtenAtMillis}. */
    public static void put(CampaignTable table, List<Campaign> campaigns, long writtenAtMillis) {
        table.write(items(campaigns, writtenAtMillis));
    }

    /** {@code count} banner campaigns c-0, c-1 and so on, bidding {@code cpm}. */
    public static List<Campaign> campaigns(int count, double cpm) {
        List<Campaign> campaigns = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            campaigns.add(TestCampaigns.campaign("c-" + i).bid(cpm).build());
        }
        return campaigns;
    }

    /** Counts, from the responses the SDK client received, the items each Scan and Query returned. */
    public static final class ItemsRead implements ExecutionInterceptor {
        private final AtomicInteger scanned = new AtomicInteger();
        private final AtomicInteger queried = new AtomicInteger();
        private final List<String> calls = new CopyOnWriteArrayList<>();

        @Override
        public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
            SdkResponse response = context.response();
            if (response instanceof ScanResponse scan) {
                scanned.addAndGet(scan.count());
                calls.add("Scan");
            } else if (response instanceof QueryResponse query) {
                queried.addAndGet(query.count());
                calls.add("Query");
            }
        }

        /** Items returned by Scan and Query calls since the last {@link #reset()}. */
        public int items() {
            return scanned.get() + queried.get();
        }

        public int scanned() {
            return scanned.get();
        }

        public int queried() {
            return queried.get();
        }

        /** The Scan and Query calls, in order, since the last {@link #reset()}. */
        public List<String> calls() {
            return List.copyOf(calls);
        }

        public void reset() {
            scanned.set(0);
            queried.set(0);
            calls.clear();
        }
    }
}
