package org.fargatedsp.bidder.campaign;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Campaigns from the default set embedded in the jar or a campaign file, plus optionally generated campaigns.
 * {@link #peekVersion()} is the SHA-256 of the file's content, so a reloader loads again exactly when the
 * content changed: an edit that keeps the size and the modification time (whose resolution may be a second or
 * more) is seen, and a file touched or rewritten with the same bytes is not loaded again.
 */
public final class FileCampaignSource implements CampaignSource {
    /** The embedded default campaign set, in the jar. */
    public static final String EMBEDDED_RESOURCE = "/campaigns/default.json";
    private static final String EMBEDDED_VERSION = "embedded";

    private final Path file;
    private final int synthetic;
    private final String defaultSeat;

    /**
     * @param file a campaign file, or null for the embedded default set
     * @param synthetic how many generated campaigns to add
     */
    public FileCampaignSource(Path file, int synthetic, String defaultSeat) {
        this.file = file;
        this.synthetic = synthetic;
        this.defaultSeat = defaultSeat;
    }

    @Override
    public String describe() {
        String base = file == null ? "embedded default campaigns" : file.toString();
        return synthetic > 0 ? base + " + " + synthetic + " generated" : base;
    }

    /**
     * The SHA-256 of the source's content now, as {@code sha256:<hex>}, read through without keeping it; for the
     * embedded set, {@code embedded}; for a file that cannot be read, {@code unreadable:} and why.
     */
    @Override
    public String peekVersion() {
        if (file == null) {
            return EMBEDDED_VERSION;
        }
        MessageDigest digest = sha256();
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
            in.transferTo(OutputStream.nullOutputStream());
        } catch (IOException e) {
            return "unreadable:" + e;
        }
        return hex(digest.digest());
    }

    /**
     * Loads and validates every campaign, with the version of exactly the bytes read, however the file changes
     * meanwhile.
     *
     * @throws CampaignFileException when the file is missing, unreadable or invalid
     */
    @Override
    public Loaded loadVersioned() {
        List<Campaign> campaigns = new ArrayList<>();
        String version;
        if (file == null) {
            try (InputStream in = FileCampaignSource.class.getResourceAsStream(EMBEDDED_RESOURCE)) {
                if (in == null) {
                    throw new CampaignFileException(EMBEDDED_RESOURCE, List.of("missing from the jar"));
                }
                campaigns.addAll(CampaignFile.read(in, EMBEDDED_RESOURCE, defaultSeat));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            version = EMBEDDED_VERSION;
        } else {
            byte[] content;
            try {
                content = Files.readAllBytes(file);
            } catch (IOException e) {
                throw new CampaignFileException(file.toString(), List.of("cannot read: " + e));
            }
            version = hex(sha256().digest(content));
            campaigns.addAll(CampaignFile.read(new ByteArrayInputStream(content), file.toString(), defaultSeat));
        }
        if (synthetic > 0) {
            for (Campaign c : SyntheticCampaigns.generate(synthetic, 42)) {
                campaigns.add(defaultSeat == null ? c : withSeat(c, defaultSeat));
            }
        }
        return new Loaded(campaigns, version);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256 (MessageDigest)", e);
        }
    }

    private static String hex(byte[] hash) {
        return "sha256:" + HexFormat.of().formatHex(hash);
    }

    private static Campaign withSeat(Campaign c, String seat) {
        return new Campaign(c.id(), c.name(), c.active(), seat, c.adomain(), c.bundle(), c.cat(), c.bidMicros(),
                c.dailyBudgetMicros(), c.startMillis(), c.endMillis(), c.coppaAllowed(), c.targeting(), c.creatives());
    }
}
