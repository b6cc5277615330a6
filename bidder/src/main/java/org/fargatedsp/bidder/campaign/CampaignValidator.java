package org.fargatedsp.bidder.campaign;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.fargatedsp.bidder.campaign.CampaignFile.CampaignJson;
import org.fargatedsp.bidder.campaign.CampaignFile.Checked;
import org.fargatedsp.bidder.campaign.CampaignFile.CreativeJson;
import org.fargatedsp.bidder.campaign.CampaignFile.TargetingJson;

/** Turns campaigns as written in a file into {@link Campaign}s, collecting every problem with its place. */
final class CampaignValidator {
    /** A sanity cap: a CPM above this is a typo (a budget in the bid field), not a bid. */
    static final BigDecimal MAX_BID_CPM = new BigDecimal("1000");
    /** A budget above this (a billion of the currency) is a typo, and its micros near the range of a long. */
    static final BigDecimal MAX_BUDGET = new BigDecimal("1000000000");
    private static final Pattern ALPHA3 = Pattern.compile("[A-Z]{3}");
    private static final Pattern SEAT = Pattern.compile(Campaign.SEAT_PATTERN);
    private static final Pattern IAB_CATEGORY = Pattern.compile("IAB[0-9]{1,2}(-[0-9]{1,2})?");

    private final String defaultSeat;
    private final List<String> errors = new ArrayList<>();

    CampaignValidator(String defaultSeat) {
        this.defaultSeat = defaultSeat;
    }

    List<String> errors() {
        return errors;
    }

    List<Campaign> validate(List<CampaignJson> input) {
        List<Campaign> campaigns = new ArrayList<>(input.size());
        for (Checked checked : check(input)) {
            if (checked.valid()) {
                campaigns.add(checked.campaign());
            }
        }
        return campaigns;
    }

    /** Every campaign checked on its own, its problems placed as {@code campaigns[i]...}; a repeated id is one. */
    List<Checked> check(List<CampaignJson> input) {
        List<Checked> checked = new ArrayList<>(input.size());
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < input.size(); i++) {
            String at = "campaigns[" + i + "]";
            CampaignJson json = input.get(i);
            int before = errors.size();
            Campaign campaign = null;
            if (json == null) {
                errors.add(at + " is null");
            } else {
                campaign = campaign(at, json);
                if (!ids.add(campaign.id())) {
                    errors.add(at + ".id \"" + campaign.id() + "\" is used by another campaign");
                }
            }
            List<String> problems = List.copyOf(errors.subList(before, errors.size()));
            checked.add(new Checked(i, json, problems.isEmpty() ? campaign : null, problems));
        }
        return checked;
    }

    /** One campaign on its own, its problems placed from {@code at}; null when it has any. */
    Campaign validateOne(String at, CampaignJson json) {
        int before = errors.size();
        Campaign campaign = campaign(at, json);
        return errors.size() == before ? campaign : null;
    }

    private Campaign campaign(String at, CampaignJson c) {
        String id = id(at + ".id", c.id());
        boolean active = true;
        if (c.status() != null) {
            switch (c.status()) {
                case "active" -> active = true;
                case "paused" -> active = false;
                default -> errors.add(at + ".status must be \"active\" or \"paused\", not \"" + c.status() + "\"");
            }
        }
        List<String> adomain = strings(at + ".adomain", c.adomain(), true, false);
        for (String category : strings(at + ".cat", c.cat(), false, false)) {
            if (!IAB_CATEGORY.matcher(category).matches()) {
                errors.add(at + ".cat \"" + category + "\" is not an IAB content category such as IAB3-1");
            }
        }
        long bid = money(at + ".bid_cpm", c.bidCpm(), MAX_BID_CPM);
        long budget = budget(at + ".daily_budget", c.dailyBudget());
        long total = budget(at + ".total_budget", c.totalBudget());
        if (total > 0 && budget != Campaign.NO_BUDGET && total < budget) {
            errors.add(at + ".total_budget must be at least the daily_budget");
        }
        ZoneId timezone = timezone(at + ".timezone", c.timezone());
        Pacing pacing = pacing(at + ".pacing", c.pacing());
        long start = instant(at + ".start", c.start(), 0L);
        long end = instant(at + ".end", c.end(), Campaign.NO_END);
        if (start >= end) {
            errors.add(at + ": start must be before end");
        }
        Targeting targeting = targeting(at + ".targeting", c.targeting());
        List<Creative> creatives = new ArrayList<>();
        if (c.creatives() == null || c.creatives().isEmpty()) {
            errors.add(at + ".creatives must list at least one creative");
        } else {
            Set<String> creativeIds = new HashSet<>();
            for (int i = 0; i < c.creatives().size(); i++) {
                Creative creative = creative(at + ".creatives[" + i + "]", c.creatives().get(i));
                if (creative != null && !creativeIds.add(creative.id())) {
                    errors.add(at + ".creatives[" + i + "].id \"" + creative.id() + "\" is used twice");
                }
                creatives.add(creative);
            }
        }
        String seat = c.seat() == null || c.seat().isBlank() ? defaultSeat : c.seat();
        if (c.seat() != null && !c.seat().isBlank() && !SEAT.matcher(c.seat()).matches()) {
            errors.add(at + ".seat must be 1 to 64 characters without control characters");
        }
        return new Campaign(id, c.name() == null ? id : c.name(), active, seat, adomain, c.bundle(),
                c.cat() == null ? List.of() : c.cat(), bid, budget, total, timezone, pacing, start, end,
                Boolean.TRUE.equals(c.coppaAllowed()), targeting, creatives.contains(null) ? List.of() : creatives);
    }

    private Targeting targeting(String at, TargetingJson t) {
        if (t == null) {
            return Targeting.NONE;
        }
        Set<String> countries = new LinkedHashSet<>();
        for (String country : strings(at + ".countries", t.countries(), false, false)) {
            String upper = country.toUpperCase(Locale.ROOT);
            if (!ALPHA3.matcher(upper).matches()) {
                errors.add(at + ".countries \"" + country + "\" is not an ISO-3166-1 alpha-3 code such as USA");
            }
            countries.add(upper);
        }
        Set<Integer> deviceTypes = new LinkedHashSet<>();
        if (t.deviceTypes() != null) {
            for (Integer type : t.deviceTypes()) {
                if (type == null || type < 1 || type > 8) {
                    errors.add(at + ".device_types " + type + " is not an OpenRTB device type (1 to 8, list 5.21)");
                } else {
                    deviceTypes.add(type);
                }
            }
        }
        return new Targeting(countries, deviceTypes,
                Set.copyOf(strings(at + ".os", t.os(), false, true)),
                Set.copyOf(strings(at + ".inventory_cats", t.inventoryCats(), false, false)),
                Set.copyOf(strings(at + ".domains", t.domains(), false, true)),
                Set.copyOf(strings(at + ".blocked_domains", t.blockedDomains(), false, true)),
                Set.copyOf(strings(at + ".bundles", t.bundles(), false, false)),
                Set.copyOf(strings(at + ".blocked_bundles", t.blockedBundles(), false, false)),
                Set.copyOf(strings(at + ".deals", t.deals(), false, false)));
    }

    private Creative creative(String at, CreativeJson c) {
        if (c == null) {
            errors.add(at + " is null");
            return null;
        }
        String id = id(at + ".id", c.id());
        MediaType type = null;
        if (c.type() == null) {
            errors.add(at + ".type is required: banner, video, audio or native");
        } else {
            try {
                type = MediaType.valueOf(c.type().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                errors.add(at + ".type \"" + c.type() + "\" is not banner, video, audio or native");
            }
        }
        int w = c.w() == null ? 0 : c.w();
        int h = c.h() == null ? 0 : c.h();
        List<String> mimes = strings(at + ".mimes", c.mimes(), false, true);
        int duration = c.duration() == null ? 0 : c.duration();
        Set<Integer> protocols = c.protocols() == null ? Set.of() : Set.copyOf(c.protocols());
        Set<Integer> attr = c.attr() == null ? Set.of() : Set.copyOf(c.attr());
        String adm = null;
        NativeAd nativeAd = null;
        if (type == MediaType.NATIVE) {
            if (c.adm() != null) {
                errors.add(at + ".adm is not used by a native creative: its response is built for each request from"
                        + " its native assets");
            }
            if (c.nativeAd() == null) {
                errors.add(at + ".native is required: the creative's title, images, data, link and trackers");
            } else {
                nativeAd = new NativeAdValidator(errors).nativeAd(at + ".native", c.nativeAd());
            }
        } else {
            adm = required(at + ".adm", c.adm());
            if (c.nativeAd() != null && type != null) {
                errors.add(at + ".native is only for native creatives, not " + c.type());
            }
        }
        if (type == MediaType.BANNER && (w <= 0 || h <= 0)) {
            errors.add(at + ": a banner needs a positive w and h");
        }
        if (type == MediaType.VIDEO || type == MediaType.AUDIO) {
            if (mimes.isEmpty()) {
                errors.add(at + ": a " + c.type() + " creative needs its mimes");
            }
            if (duration <= 0) {
                errors.add(at + ": a " + c.type() + " creative needs a positive duration in seconds");
            }
            if (protocols.isEmpty()) {
                errors.add(at + ": a " + c.type() + " creative needs the protocols it is served in (list 5.8)");
            }
        }
        for (Integer attribute : attr) {
            if (attribute == null || attribute < 1 || attribute > 63) {
                errors.add(at + ".attr " + attribute + " is not an IAB creative attribute (list 5.3)");
            }
        }
        if (id == null || type == null || (type == MediaType.NATIVE ? nativeAd == null : adm == null)) {
            return null;
        }
        if (type == MediaType.NATIVE) {
            return Creative.nativeCreative(id, attr, nativeAd);
        }
        return new Creative(id, type, w, h, mimes, duration, protocols, attr, adm);
    }

    private String required(String at, String value) {
        if (value == null || value.isBlank()) {
            errors.add(at + " is required");
            return null;
        }
        return value;
    }

    /** A campaign's or creative's id: required, and short enough for the notice URLs it travels in. */
    private String id(String at, String value) {
        String id = required(at, value);
        if (id != null && id.length() > Campaign.MAX_ID_CHARS) {
            errors.add(at + " is " + id.length() + " characters long; at most " + Campaign.MAX_ID_CHARS);
            return null;
        }
        return id;
    }

    private List<String> strings(String at, List<String> values, boolean required, boolean lowerCase) {
        if (values == null || values.isEmpty()) {
            if (required) {
                errors.add(at + " must list at least one value");
            }
            return List.of();
        }
        List<String> result = new ArrayList<>(values.size());
        for (String value : values) {
            if (value == null || value.isBlank()) {
                errors.add(at + " contains an empty value");
            } else {
                result.add(lowerCase ? value.toLowerCase(Locale.ROOT) : value);
            }
        }
        return result;
    }

    /** A budget: absent for none, else positive. */
    private long budget(String at, BigDecimal value) {
        return value == null ? Campaign.NO_BUDGET : money(at, value, MAX_BUDGET);
    }

    /** An IANA time zone id such as America/New_York (or UTC, or an offset such as +02:00); absent for UTC. */
    private ZoneId timezone(String at, String value) {
        if (value == null) {
            return ZoneOffset.UTC;
        }
        try {
            return ZoneId.of(value);
        } catch (DateTimeException e) {
            errors.add(at + " \"" + value + "\" is not a time zone such as America/New_York or UTC");
            return ZoneOffset.UTC;
        }
    }

    private Pacing pacing(String at, String value) {
        if (value == null) {
            return Pacing.EVEN;
        }
        for (Pacing pacing : Pacing.values()) {
            if (pacing.tag().equals(value)) {
                return pacing;
            }
        }
        errors.add(at + " must be \"even\" or \"asap\", not \"" + value + "\"");
        return Pacing.EVEN;
    }

    private long money(String at, BigDecimal value, BigDecimal max) {
        if (value == null) {
            errors.add(at + " is required");
            return 0;
        }
        if (value.signum() <= 0) {
            errors.add(at + " must be positive, not " + value.toPlainString());
            return 0;
        }
        if (max != null && value.compareTo(max) > 0) {
            errors.add(at + " " + value.toPlainString() + " is above the " + max.toPlainString() + " limit");
            return 0;
        }
        try {
            return value.movePointRight(6).setScale(0, RoundingMode.HALF_UP).longValueExact();
        } catch (ArithmeticException e) {
            errors.add(at + " " + value.toPlainString() + " is too large");
            return 0;
        }
    }

    private long instant(String at, String value, long absent) {
        if (value == null) {
            return absent;
        }
        try {
            return Instant.parse(value).toEpochMilli();
        } catch (DateTimeParseException e) {
            errors.add(at + " \"" + value + "\" is not an ISO-8601 instant such as 2026-01-01T00:00:00Z");
            return absent;
        }
    }
}
