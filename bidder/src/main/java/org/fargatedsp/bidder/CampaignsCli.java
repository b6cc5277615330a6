package org.fargatedsp.bidder;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import org.fargatedsp.bidder.campaign.command.CampaignsCommand;
import org.fargatedsp.bidder.campaign.command.CliContext;

/**
 * The campaigns command line in the bidder's jar: {@code java -cp bidder.jar org.fargatedsp.bidder.CampaignsCli
 * import FILE --table T}, {@code export --table T}, {@code validate FILE} (README, "Campaigns in DynamoDB").
 */
public final class CampaignsCli {
    private CampaignsCli() {}

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, false, StandardCharsets.UTF_8);
        PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
        System.exit(CampaignsCommand.run(args, new CliContext(System.getenv(), out, err, System::currentTimeMillis)));
    }
}
