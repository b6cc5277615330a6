package org.fargatedsp.bidder.campaign.command;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.fargatedsp.bidder.campaign.table.CampaignItem;
import org.fargatedsp.bidder.campaign.table.CampaignTable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * {@code campaigns import FILE --table T}: validates every campaign of the file first, and writes nothing unless
 * all are valid; then creates the table (with its index of changes) if it is missing, and writes the campaigns
 * that are new or changed, one item each, each whole or not at all.
 */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = {"Loads a campaign file into a campaign table, creating the table if needed.",
            "Every campaign is validated first; if any is invalid, each is listed and nothing is written.",
            "Exit codes: 0 imported, 1 invalid campaigns, 2 bad usage, 3 a DynamoDB call failed (named)."})
final class ImportCommand implements Callable<Integer> {
    private final CliContext context;

    @Spec
    CommandSpec spec;

    @Mixin
    TableOptions table;

    @Parameters(index = "0", paramLabel = "FILE", description = "The campaign file.")
    Path file;

    @Option(names = "--prune", description = "Mark deleted the table's campaigns that the file does not have.")
    boolean prune;

    @Option(names = "--dry-run", description = "Say what would be written, and write nothing.")
    boolean dryRun;

    ImportCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        long now = context.clockMs().getAsLong();
        CheckedFile checked = CheckedFile.read(file, now);
        if (!checked.valid()) {
            Problems.print(context.err(), checked, "; nothing was written");
            return ExitCodes.INVALID;
        }
        try (DynamoDbClient dynamoDb = table.client(context.env(), spec)) {
            CampaignTable campaigns = new CampaignTable(dynamoDb, table.table);
            boolean exists = campaigns.exists();
            Map<String, CampaignItem> held = new HashMap<>();
            Set<String> heldIds = new HashSet<>();
            if (exists) {
                for (Map<String, AttributeValue> raw : campaigns.scan(1)) {
                    heldIds.add(CampaignItem.idOf(raw));
                    try {
                        CampaignItem item = CampaignItem.read(raw);
                        held.put(item.id(), item);
                    } catch (IllegalArgumentException e) {
                        // An item the bidder cannot read either: the file's campaign of that id replaces it.
                    }
                }
            }
            ImportPlan plan = ImportPlan.of(checked.items(), held, heldIds, prune, now);
            if (dryRun) {
                context.out().println("would import " + file + " into " + table.table + (exists ? "" : " (created)")
                        + ": " + plan.summary());
                return ExitCodes.OK;
            }
            if (!exists) {
                context.err().println("creating table " + table.table + " with its index " + CampaignTable.INDEX
                        + ", and waiting until it is ACTIVE");
                campaigns.create();
            } else if (!campaigns.describe().indexed()) {
                context.err().println("warning: table " + table.table + " has no index " + CampaignTable.INDEX
                        + ": bidders read it whole at every refresh (README, \"Campaigns in DynamoDB\")");
            }
            campaigns.write(plan.writes());
            context.out().println("imported " + file + " into " + table.table + ": " + plan.summary());
            return ExitCodes.OK;
        }
    }
}
