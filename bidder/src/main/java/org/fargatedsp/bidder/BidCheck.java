package org.fargatedsp.bidder;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.fargatedsp.bidder.auction.Auctioneer;
import org.fargatedsp.bidder.auction.Catalog;
import org.fargatedsp.bidder.campaign.BudgetLedger;
import org.fargatedsp.bidder.campaign.Campaign;
import org.fargatedsp.bidder.campaign.CampaignFileException;
import org.fargatedsp.bidder.campaign.CampaignSnapshot;
import org.fargatedsp.bidder.aws.DynamoDbClients;
import org.fargatedsp.bidder.campaign.CampaignLocation;
import org.fargatedsp.bidder.campaign.CampaignSource;
import org.fargatedsp.bidder.campaign.table.TableException;
import org.fargatedsp.bidder.check.BidChecker;
import org.fargatedsp.bidder.check.CheckOutcome;
import org.fargatedsp.bidder.openrtb.BadRequestException;
import org.fargatedsp.bidder.openrtb.BidRequestDecoder;
import org.fargatedsp.config.ConfigException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The bid check without a server: {@code java -cp bidder/target/bidder.jar org.fargatedsp.bidder.BidCheck
 * request.json [campaign-id]} prints to stdout what {@code /openrtb2/bid/check} answers, against the campaigns a
 * bidder with the same environment would load ({@code CAMPAIGNS_SOURCE}: the embedded set, a file or a table, {@code
 * SYNTHETIC_CAMPAIGNS}, {@code SEAT}), with its {@code CURRENCY}, {@code FX_RATES}, {@code MAX_IMPS} and
 * {@code MAX_BODY_BYTES}, at the current time and with no budget spent. Exits 0 when the request is read, 1 when
 * the bidder would refuse it (the report says why), 2 on bad configuration, campaigns or file, 3 on bad usage.
 */
public final class BidCheck {
    static final String USAGE = "usage: BidCheck REQUEST_JSON_FILE [CAMPAIGN_ID]";

    private BidCheck() {}

    public static void main(String[] args) {
        System.exit(run(args, System.getenv(), System.out, System.err, System.currentTimeMillis()));
    }

    static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err, long nowMillis) {
        if (args.length < 1 || args.length > 2 || args[0].startsWith("-")) {
            err.println(USAGE);
            return 3;
        }
        Config config;
        byte[] body;
        List<Campaign> campaigns;
        CampaignSource source;
        try {
            config = Config.fromEnv(env);
            body = Files.readAllBytes(Path.of(args[0]));
            try (DynamoDbClient dynamoDb = config.campaignsSource().kind() == CampaignLocation.Kind.DYNAMODB
                    ? DynamoDbClients.create(config.aws()) : null) {
                source = Bidder.campaignSource(config, dynamoDb, () -> nowMillis);
                campaigns = source.load();
            }
        } catch (TableException e) {
            err.println("cannot load campaigns: " + e.getMessage());
            return 2;
        } catch (ConfigException e) {
            err.println("invalid configuration: " + String.join("; ", e.problems()));
            return 2;
        } catch (IOException e) {
            err.println("cannot read " + args[0] + ": " + e.getMessage());
            return 2;
        } catch (CampaignFileException e) {
            err.println("cannot load campaigns: " + String.join("; ", e.problems()));
            return 2;
        }
        Catalog catalog = Catalog.of(new CampaignSnapshot(campaigns, new BudgetLedger(), nowMillis, source.describe()));
        String focus = args.length == 2 ? args[1] : null;
        if (focus != null && catalog.snapshot().campaign(focus) == null) {
            err.println("no campaign \"" + focus + "\" among the " + campaigns.size() + " of " + source.describe());
            return 3;
        }
        BidChecker checker = new BidChecker(new BidRequestDecoder(config.maxImps(), config.maxInflatedBodyBytes()),
                new Auctioneer(config.fx()), config.noticeBaseUrl());
        BidChecker.Report report = body.length > config.maxBodyBytes()
                ? checker.refused(new BadRequestException(BadRequestException.Kind.BODY_TOO_LARGE, "the body is "
                        + body.length + " bytes, more than MAX_BODY_BYTES (" + config.maxBodyBytes() + ")"), 413)
                : checker.check(body, body.length, catalog, nowMillis, focus);
        out.write(report.json(), 0, report.json().length);
        out.println();
        out.flush();
        return report.outcome() == CheckOutcome.INVALID ? 1 : 0;
    }
}
