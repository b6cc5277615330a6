package org.fargatedsp.bidder.campaign.command;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.fargatedsp.bidder.campaign.CampaignFile;
import org.fargatedsp.bidder.campaign.CampaignFile.CampaignJson;
import org.fargatedsp.bidder.campaign.CampaignFileException;
import org.fargatedsp.bidder.campaign.table.CampaignItem;
import org.fargatedsp.bidder.campaign.table.CampaignTable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * {@code campaigns export --table T}: the table's campaigns as a campaign file on stdout, ordered by id, with each
 * item's status; deleted ones left out. What it writes imports back to the same items.
 */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = {"Writes a campaign table's campaigns to stdout as a campaign file.",
            "Exit codes: 0 exported, 1 some items are no campaigns (listed on stderr, left out), 2 bad usage,",
            "3 a DynamoDB call failed (named)."})
final class ExportCommand implements Callable<Integer> {
    private final CliContext context;

    @Spec
    CommandSpec spec;

    @Mixin
    TableOptions table;

    ExportCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        List<CampaignJson> campaigns = new ArrayList<>();
        int unreadable = 0;
        try (DynamoDbClient dynamoDb = table.client(context.env(), spec)) {
            for (Map<String, AttributeValue> raw : new CampaignTable(dynamoDb, table.table).scan(1)) {
                String id = CampaignItem.idOf(raw);
                try {
                    CampaignItem item = CampaignItem.read(raw);
                    if (item.status() != CampaignItem.Status.DELETED) {
                        campaigns.add(item.campaignJson("dynamodb:" + table.table + " item " + id));
                    }
                } catch (IllegalArgumentException e) {
                    context.err().println("item " + id + " left out: " + e.getMessage());
                    unreadable++;
                } catch (CampaignFileException e) {
                    context.err().println("item " + id + " left out: " + String.join("; ", e.problems()));
                    unreadable++;
                }
            }
        }
        campaigns.sort(Comparator.comparing(CampaignJson::id, Comparator.nullsFirst(Comparator.naturalOrder())));
        ByteArrayOutputStream json = new ByteArrayOutputStream();
        CampaignFile.writeDocument(campaigns, json);
        context.out().println(json.toString(StandardCharsets.UTF_8));
        context.out().flush();
        return unreadable == 0 ? ExitCodes.OK : ExitCodes.INVALID;
    }
}
