package org.fargatedsp.bidder.campaign;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectReader;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.util.List;
import org.fargatedsp.bidder.json.Json;

/**
 * The campaign file format (README, "Campaign file"): a JSON object with a {@code campaigns} array. Field names
 * are snake_case like OpenRTB's. Unknown fields are errors, so a typo in a hand-written file is caught at load
 * instead of silently widening a campaign's targeting.
 */
public final class CampaignFile {
    /**
     * The shared mapper's reader made strict on purpose, unlike everything else the bidder reads: a field it does
     * not know, a null for a number or anything after the object is an error in a file people write by hand.
     */
    private static final ObjectReader STRICT_READER = Json.MAPPER.readerFor(Document.class)
            .with(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES,
                    DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES,
                    DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private CampaignFile() {}

    /** The whole file. */
    public record Document(List<CampaignJson> campaigns) {}

    /** One campaign as written in the file. */
    public record CampaignJson(
            String id,
            String name,
            String status,
            String seat,
            List<String> adomain,
            String bundle,
            List<String> cat,
            @JsonProperty("bid_cpm") BigDecimal bidCpm,
            @JsonProperty("daily_budget") BigDecimal dailyBudget,
            @JsonProperty("total_budget") BigDecimal totalBudget,
            String timezone,
            String pacing,
            String start,
            String end,
            @JsonProperty("coppa_allowed") Boolean coppaAllowed,
            TargetingJson targeting,
            List<CreativeJson> creatives) {

        /** A campaign with the fields of the first file format: a daily budget, UTC days, even pacing. */
        public CampaignJson(String id, String name, String status, String seat, List<String> adomain, String bundle,
                List<String> cat, BigDecimal bidCpm, BigDecimal dailyBudget, String start, String end,
                Boolean coppaAllowed, TargetingJson targeting, List<CreativeJson> creatives) {
            this(id, name, status, seat, adomain, bundle, cat, bidCpm, dailyBudget, null, null, null, start, end,
                    coppaAllowed, targeting, creatives);
        }
    }

    /** A campaign's targeting as written in the file; every list is optional. */
    public record TargetingJson(
            List<String> countries,
            @JsonProperty("device_types") List<Integer> deviceTypes,
            List<String> os,
            @JsonProperty("inventory_cats") List<String> inventoryCats,
            List<String> domains,
            @JsonProperty("blocked_domains") List<String> blockedDomains,
            List<String> bundles,
            @JsonProperty("blocked_bundles") List<String> blockedBundles,
            List<String> deals) {}

    /** A creative as written in the file. */
    public record CreativeJson(
            String id,
            String type,
            Integer w,
            Integer h,
            List<String> mimes,
            Integer duration,
            List<Integer> protocols,
            List<Integer> attr,
            String adm,
            @JsonProperty("native") NativeJson nativeAd) {}

    /** A native creative's assets as written in the file (README, "Native creatives"). */
    public record NativeJson(
            String title,
            List<ImageJson> images,
            List<DataJson> data,
            LinkJson link,
            List<String> imptrackers,
            List<EventTrackerJson> eventtrackers) {}

    /** A native image: type 1 icon, 2 logo, 3 main; its url, size and, optionally, mime type. */
    public record ImageJson(Integer type, String url, Integer w, Integer h, String mime) {}

    /** A native data asset: its type (Native 1.2 table 7.4) and text. */
    public record DataJson(Integer type, String value) {}

    /** A native creative's click link. */
    public record LinkJson(String url, List<String> clicktrackers) {}

    /** A native event tracker: event (1 impression, 2 to 4 viewability), method (1 image, 2 JavaScript), url. */
    public record EventTrackerJson(Integer event, Integer method, String url) {}

    /**
     * Reads and validates a campaign file.
     *
     * @param source names the file in error messages
     * @param defaultSeat the seat of campaigns that name none
     * @throws CampaignFileException listing every problem found, each with its place in the file
     */
    public static List<Campaign> read(InputStream in, String source, String defaultSeat) {
        Document document;
        try {
            document = STRICT_READER.readValue(in);
        } catch (JsonProcessingException e) {
            throw new CampaignFileException(source, List.of(e.getOriginalMessage() + " at line "
                    + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr()));
        } catch (IOException e) {
            throw new CampaignFileException(source, List.of("cannot read: " + e.getMessage()));
        }
        if (document == null || document.campaigns() == null) {
            throw new CampaignFileException(source, List.of("the file must be an object with a \"campaigns\" array"));
        }
        CampaignValidator validator = new CampaignValidator(defaultSeat);
        List<Campaign> campaigns = validator.validate(document.campaigns());
        if (!validator.errors().isEmpty()) {
            throw new CampaignFileException(source, validator.errors());
        }
        return campaigns;
    }

    /** Writes campaigns in the file format, such as a generated set for a load test. */
    public static void write(List<Campaign> campaigns, java.io.OutputStream out) {
        List<CampaignJson> json = campaigns.stream().map(CampaignFile::toJson).toList();
        try {
            Json.MAPPER.writerWithDefaultPrettyPrinter().writeValue(out, new Document(json));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static CampaignJson toJson(Campaign c) {
        Targeting t = c.targeting();
        TargetingJson targeting = new TargetingJson(List.copyOf(t.countries()), List.copyOf(t.deviceTypes()),
                List.copyOf(t.os()), List.copyOf(t.inventoryCats()), List.copyOf(t.domains()),
                List.copyOf(t.blockedDomains()), List.copyOf(t.bundles()), List.copyOf(t.blockedBundles()),
                List.copyOf(t.deals()));
        List<CreativeJson> creatives = c.creatives().stream()
                .map(cr -> new CreativeJson(cr.id(), cr.type().name().toLowerCase(java.util.Locale.ROOT), cr.w(),
                        cr.h(), cr.mimes(), cr.duration(), List.copyOf(cr.protocols()), List.copyOf(cr.attr()),
                        cr.adm(), cr.nativeAd() == null ? null : toJson(cr.nativeAd())))
                .toList();
        // The default seat is left out, so that a generated file takes the SEAT of the bidder that loads it.
        String seat = Campaign.DEFAULT_SEAT.equals(c.seat()) ? null : c.seat();
        return new CampaignJson(c.id(), c.name(), c.active() ? "active" : "paused", seat, c.adomain(),
                c.bundle(), c.cat(), BigDecimal.valueOf(c.bidMicros(), 6), money(c.dailyBudgetMicros()),
                money(c.totalBudgetMicros()),
                c.timezone().equals(java.time.ZoneOffset.UTC) ? null : c.timezone().getId(),
                c.pacing() == Pacing.EVEN ? null : c.pacing().tag(),
                c.startMillis() == 0 ? null : java.time.Instant.ofEpochMilli(c.startMillis()).toString(),
                c.endMillis() == Campaign.NO_END ? null : java.time.Instant.ofEpochMilli(c.endMillis()).toString(),
                c.coppaAllowed(), targeting, creatives);
    }

    /** A budget as the file writes it: absent for none. */
    private static BigDecimal money(long micros) {
        return micros == Campaign.NO_BUDGET ? null : BigDecimal.valueOf(micros, 6);
    }

    private static NativeJson toJson(NativeAd ad) {
        return new NativeJson(ad.title(),
                ad.images().stream().map(i -> new ImageJson(i.type(), i.url(), i.w(), i.h(), i.mime())).toList(),
                ad.data().stream().map(d -> new DataJson(d.type(), d.value())).toList(),
                new LinkJson(ad.link().url(), ad.link().clicktrackers()), ad.imptrackers(),
                ad.eventtrackers().stream().map(t -> new EventTrackerJson(t.event(), t.method(), t.url())).toList());
    }
}
