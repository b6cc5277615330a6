package org.fargatedsp.bidder.campaign;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Where campaigns come from: the default set embedded in the jar or a campaign file, plus optionally generated
 * campaigns. {@link #version()} changes when the file does, so a reloader can tell when to load again.
 */
public final class CampaignSource {
    /** The embedded default campaign set, in the jar. */
    public static final String EMBEDDED_RESOURCE = "/campaigns/default.json";

    private final Path file;
    private final int synthetic;
    private final String defaultSeat;

    /**
     * @param file a campaign file, or null for the embedded default set
     * @param synthetic how many generated campaigns to add
     */
    public CampaignSource(Path file, int synthetic, String defaultSeat) {
        this.file = file;
        this.synthetic = synthetic;
        this.defaultSeat = defaultSeat;
    }

    /** Says where campaigns come from, for logs. */
    public String describe() {
        String base = file == null ? "embedded default campaigns" : file.toString();
        return synthetic > 0 ? base + " + " + synthetic + " generated" : base;
    }

    /** A value that changes when the source's content may have: the file's modification time and size. */
    public String version() {
        if (file == null) {
            return "embedded";
        }
        try {
            return Files.getLastModifiedTime(file).toMillis() + ":" + Files.size(file);
        } catch (IOException e) {
            return "unreadable:" + e.getMessage();
        }
    }

    /**
     * Loads and validates every campaign.
     *
     * @throws CampaignFileException when the file is missing, unreadable or invalid
     */
    public List<Campaign> load() {
        List<Campaign> campaigns = new ArrayList<>();
        if (file == null) {
            try (InputStream in = CampaignSource.class.getResourceAsStream(EMBEDDED_RESOURCE)) {
                if (in == null) {
                    throw new CampaignFileException(EMBEDDED_RESOURCE, List.of("missing from the jar"));
                }
                campaigns.addAll(CampaignFile.read(in, EMBEDDED_RESOURCE, defaultSeat));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        } else {
            try (InputStream in = Files.newInputStream(file)) {
                campaigns.addAll(CampaignFile.read(in, file.toString(), defaultSeat));
            } catch (IOException e) {
                throw new CampaignFileException(file.toString(), List.of("cannot read: " + e));
            }
        }
        if (synthetic > 0) {
            for (Campaign c : SyntheticCampaigns.generate(synthetic, 42)) {
                campaigns.add(defaultSeat == null ? c : withSeat(c, defaultSeat));
            }
        }
        return campaigns;
    }

    private static Campaign withSeat(Campaign c, String seat) {
        return new Campaign(c.id(), c.name(), c.active(), seat, c.adomain(), c.bundle(), c.cat(), c.bidMicros(),
                c.dailyBudgetMicros(), c.startMillis(), c.endMillis(), c.coppaAllowed(), c.targeting(), c.creatives());
    }
}
