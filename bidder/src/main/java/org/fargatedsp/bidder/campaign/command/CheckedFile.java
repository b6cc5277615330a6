package org.fargatedsp.bidder.campaign.command;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.fargatedsp.bidder.campaign.CampaignFile;
import org.fargatedsp.bidder.campaign.CampaignFile.Checked;
import org.fargatedsp.bidder.campaign.table.CampaignItem;

/**
 * A campaign file checked campaign by campaign, for {@code validate} and {@code import}: each with the bidder's own
 * validator, and each as the DynamoDB item it would be, which must fit DynamoDB's 400 KB.
 *
 * @param items the item of each campaign, in the file's order, when every campaign is valid
 * @param invalid how many campaigns have a problem
 * @param problems {@code id: problem} for every campaign that is not, in the file's order
 */
record CheckedFile(Path file, int campaigns, List<CampaignItem> items, int invalid, List<String> problems) {

    /**
     * Reads and checks {@code file}; its items are dated {@code nowMillis}.
     *
     * @throws UncheckedIOException when it cannot be read
     * @throws org.fargatedsp.bidder.campaign.CampaignFileException when it is not a campaign file's JSON
     */
    static CheckedFile read(Path file, long nowMillis) {
        byte[] content;
        try {
            content = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
        List<Checked> checked = CampaignFile.check(CampaignFile.parse(new ByteArrayInputStream(content),
                file.toString()), null);
        List<CampaignItem> items = new ArrayList<>(checked.size());
        List<String> problems = new ArrayList<>();
        int invalid = 0;
        for (Checked c : checked) {
            List<String> own = new ArrayList<>(c.problems());
            if (c.valid()) {
                CampaignItem item = CampaignItem.holding(c.json(), nowMillis);
                int size = item.sizeBytes();
                if (size > CampaignItem.MAX_ITEM_BYTES) {
                    own.add("its DynamoDB item would be " + size + " bytes, more than the "
                            + CampaignItem.MAX_ITEM_BYTES + " an item may hold");
                }
                items.add(item);
            }
            if (!own.isEmpty()) {
                invalid++;
                for (String problem : own) {
                    problems.add(c.name() + ": " + problem);
                }
            }
        }
        return new CheckedFile(file, checked.size(), invalid == 0 ? items : List.of(), invalid, problems);
    }

    boolean valid() {
        return invalid == 0;
    }
}
