package org.fargatedsp.bidder.campaign;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.util.List;

/**
 * The campaign file format (README, "Campaign file"): a JSON object with a {@code campaigns} array. Field names
 * are snake_case like OpenRTB's. Unknown fields are errors, so a typo in a hand-written file is caught at load
 * instead of silently widening a campaign's targeting.
 */
public final class CampaignFile {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

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
            String start,
            String end,
            @JsonProperty("coppa_allowed") Boolean coppaAllowed,
            TargetingJson targeting,
            List<CreativeJson> creatives) {}

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
            String adm) {}

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
            document = MAPPER.readValue(in, Document.class);
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

    /** Writes campaigns in the file format; used to produce generated campaign sets. */
    public static void write(Document document, java.io.OutputStream out) throws IOException {
        MAPPER.writerWithDefaultPrettyPrinter().writeValue(out, document);
    }
}
