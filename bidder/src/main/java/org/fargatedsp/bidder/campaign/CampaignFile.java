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
    private static final ObjectReader STRICT_READER = strict(Document.class);
    /** The same rules for one campaign on its own, as a DynamoDB item holds it. */
    private static final ObjectReader STRICT_CAMPAIGN_READER = strict(CampaignJson.class);

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

        /** This campaign with {@code status} instead of its own; null leaves it out. */
        public CampaignJson withStatus(String status) {
            return new CampaignJson(id, name, status, seat, adomain, bundle, cat, bidCpm, dailyBudget, totalBudget,
                    timezone, pacing, start, end, coppaAllowed, targeting, creatives);
        }
    }

    /**
     * A campaign of a file checked on its own: the campaign, or the problems that keep it out, each placed in the
     * file ({@code campaigns[3].creatives[0]: ...}).
     *
     * @param index its place in the file's {@code campaigns}
     * @param json the campaign as written, or null where the file has null
     * @param campaign the campaign, or null when it has problems
     */
    public record Checked(int index, CampaignJson json, Campaign campaign, List<String> problems) {
        public boolean valid() {
            return problems.isEmpty();
        }

        /** The campaign's id, or its place in the file when it has none. */
        public String name() {
            return json != null && json.id() != null && !json.id().isBlank() ? json.id()
                    : "campaigns[" + index + "]";
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
        Document document = parse(in, source);
        CampaignValidator validator = new CampaignValidator(defaultSeat);
        List<Campaign> campaigns = validator.validate(document.campaigns());
        if (!validator.errors().isEmpty()) {
            throw new CampaignFileException(source, validator.errors());
        }
        return campaigns;
    }

    /**
     * Reads a campaign file without validating its campaigns: for tools that report them one by one
     * ({@link #check}).
     *
     * @throws CampaignFileException when it is not JSON of the file's shape
     */
    public static Document parse(InputStream in, String source) {
        Document document;
        try {
            document = STRICT_READER.readValue(in);
        } catch (JsonProcessingException e) {
            throw new CampaignFileException(source, List.of(placed(e)));
        } catch (IOException e) {
            throw new CampaignFileException(source, List.of("cannot read: " + e.getMessage()));
        }
        if (document == null || document.campaigns() == null) {
            throw new CampaignFileException(source, List.of("the file must be an object with a \"campaigns\" array"));
        }
        return document;
    }

    /** Checks each campaign of {@code document} on its own, as {@link #read} would. */
    public static List<Checked> check(Document document, String defaultSeat) {
        return new CampaignValidator(defaultSeat).check(document.campaigns());
    }

    /**
     * Reads one campaign object, as written in a file's {@code campaigns} array, without validating it.
     *
     * @throws CampaignFileException when it is not JSON of a campaign's shape
     */
    public static CampaignJson parseCampaign(String json, String source) {
        try {
            CampaignJson campaign = STRICT_CAMPAIGN_READER.readValue(json);
            if (campaign == null) {
                throw new CampaignFileException(source, List.of("null is not a campaign"));
            }
            return campaign;
        } catch (JsonProcessingException e) {
            throw new CampaignFileException(source, List.of(placed(e)));
        }
    }

    /**
     * Validates one campaign on its own, its problems placed from {@code at}.
     *
     * @throws CampaignFileException listing every problem
     */
    public static Campaign validate(CampaignJson json, String at, String source, String defaultSeat) {
        CampaignValidator validator = new CampaignValidator(defaultSeat);
        Campaign campaign = validator.validateOne(at, json);
        if (campaign == null) {
            throw new CampaignFileException(source, validator.errors());
        }
        return campaign;
    }

    /** One campaign as compact JSON, the shape {@link #parseCampaign} reads. */
    public static String compactJson(CampaignJson campaign) {
        try {
            return Json.MAPPER.writeValueAsString(campaign);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a campaign is always serializable", e);
        }
    }

    /** Writes campaigns as written in a file, such as a table's export, in the file format. */
    public static void writeDocument(List<CampaignJson> campaigns, java.io.OutputStream out) {
        try {
            Json.MAPPER.writerWithDefaultPrettyPrinter().writeValue(out, new Document(campaigns));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static ObjectReader strict(Class<?> type) {
        return Json.MAPPER.readerFor(type).with(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES,
                DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES, DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    }

    private static String placed(JsonProcessingException e) {
        return e.getLocation() == null ? e.getOriginalMessage() : e.getOriginalMessage() + " at line "
                + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
    }

    /** Writes campaigns in the file format, such as a generated set for a load test. */
    public static void write(List<Campaign> campaigns, java.io.OutputStream out) {
        writeDocument(campaigns.stream().map(CampaignFile::toJson).toList(), out);
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
