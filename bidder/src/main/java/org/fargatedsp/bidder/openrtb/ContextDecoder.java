package org.fargatedsp.bidder.openrtb;

import static org.fargatedsp.bidder.openrtb.JsonFields.startObject;
import static org.fargatedsp.bidder.openrtb.JsonFields.text;
import static org.fargatedsp.bidder.openrtb.JsonFields.value;
import static org.fargatedsp.bidder.openrtb.JsonFields.valueList;
import static org.fargatedsp.bidder.openrtb.JsonNumbers.flag;
import static org.fargatedsp.bidder.openrtb.JsonNumbers.integer;

import com.fasterxml.jackson.core.JsonParser;
import java.io.IOException;
import java.util.List;

/**
 * Streams the objects of a BidRequest that say where and to whom the ad is shown (spec 3.2.13 to 3.2.23): site,
 * app, dooh, device and geo, user and regs, leniently ({@link JsonFields}). Both 2.6 and downconverted 2.5 shapes
 * are read: {@code regs.gdpr} or {@code regs.ext.gdpr}, {@code regs.us_privacy} or {@code regs.ext.us_privacy},
 * {@code user.consent} or {@code user.ext.consent} (spec 2.6 sections 3.2.3 and 3.2.20).
 */
final class ContextDecoder {
    private static final Geo NO_GEO = new Geo(null);

    private ContextDecoder() {}

    static Site site(JsonParser p, Repairs r) throws IOException {
        if (!startObject(p, r, RepairField.SITE)) {
            return null;
        }
        String domain = null;
        List<String> cat = null;
        String name;
        while ((name = p.nextFieldName()) != null) {
            p.nextToken();
            switch (name) {
                case "domain" -> domain = value(p, r, RepairField.SITE_DOMAIN);
                case "cat" -> cat = valueList(p, r, RepairField.SITE_CAT);
                default -> p.skipChildren();
            }
        }
        return new Site(domain, cat);
    }

    static App app(JsonParser p, Repairs r) throws IOException {
        if (!startObject(p, r, RepairField.APP)) {
            return null;
        }
        String bundle = null;
        String domain = null;
        List<String> cat = null;
        String name;
        while ((name = p.nextFieldName()) != null) {
            p.nextToken();
            switch (name) {
                case "bundle" -> bundle = value(p, r, RepairField.APP_BUNDLE);
                case "domain" -> domain = value(p, r, RepairField.APP_DOMAIN);
                case "cat" -> cat = valueList(p, r, RepairField.APP_CAT);
                default -> p.skipChildren();
            }
        }
        return new App(bundle, domain, cat);
    }

    static Dooh dooh(JsonParser p, Repairs r) throws IOException {
        return startObject(p, r, RepairField.DOOH)
                ? new Dooh(onlyField(p, r, "domain", RepairField.DOOH_DOMAIN, JsonFields::value)) : null;
    }

    static Device device(JsonParser p, Repairs r) throws IOException {
        if (!startObject(p, r, RepairField.DEVICE)) {
            return null;
        }
        String ua = null;
        Geo geo = null;
        int devicetype = 0;
        String os = null;
        String ifa = null;
        String name;
        while ((name = p.nextFieldName()) != null) {
            p.nextToken();
            switch (name) {
                case "ua" -> ua = value(p, r, RepairField.DEVICE_UA);
                case "geo" -> geo = geo(p, r);
                case "devicetype" -> devicetype = integer(p, r, RepairField.DEVICE_DEVICETYPE, 0);
                case "os" -> os = value(p, r, RepairField.DEVICE_OS);
                case "ifa" -> ifa = text(p, r, RepairField.DEVICE_IFA);
                default -> p.skipChildren();
            }
        }
        return new Device(ua, geo, devicetype, os, ifa);
    }

    private static Geo geo(JsonParser p, Repairs r) throws IOException {
        if (!startObject(p, r, RepairField.DEVICE_GEO)) {
            return null;
        }
        String country = onlyField(p, r, "country", RepairField.DEVICE_GEO_COUNTRY, JsonFields::value);
        // Geo without a country tells the bidder nothing; sharing one empty instance costs nothing.
        return country == null ? NO_GEO : new Geo(country);
    }

    static User user(JsonParser p, Repairs r) throws IOException {
        if (!startObject(p, r, RepairField.USER)) {
            return null;
        }
        String consent = null;
        String extConsent = null;
        String name;
        while ((name = p.nextFieldName()) != null) {
            p.nextToken();
            switch (name) {
                case "consent" -> consent = text(p, r, RepairField.USER_CONSENT);
                case "ext" -> extConsent = userExt(p, r);
                default -> p.skipChildren();
            }
        }
        return new User(consent != null ? consent : extConsent);
    }

    /** The 2.5 home of {@code consent}; everything else in user.ext (eids and the like) is skipped. */
    private static String userExt(JsonParser p, Repairs r) throws IOException {
        return startObject(p, r, RepairField.USER_EXT)
                ? onlyField(p, r, "consent", RepairField.USER_EXT_CONSENT, JsonFields::text) : null;
    }

    static Regs regs(JsonParser p, Repairs r) throws IOException {
        if (!startObject(p, r, RepairField.REGS)) {
            return null;
        }
        int coppa = 0;
        int gdpr = Regs.GDPR_UNKNOWN;
        String usPrivacy = null;
        String gpp = null;
        int extGdpr = Regs.GDPR_UNKNOWN;
        String extUsPrivacy = null;
        String name;
        while ((name = p.nextFieldName()) != null) {
            p.nextToken();
            switch (name) {
                case "coppa" -> coppa = flag(p, r, RepairField.REGS_COPPA, 0);
                case "gdpr" -> gdpr = flag(p, r, RepairField.REGS_GDPR, Regs.GDPR_UNKNOWN);
                case "us_privacy" -> usPrivacy = value(p, r, RepairField.REGS_US_PRIVACY);
                case "gpp" -> gpp = text(p, r, RepairField.REGS_GPP);
                case "ext" -> {
                    if (startObject(p, r, RepairField.REGS_EXT)) {
                        while ((name = p.nextFieldName()) != null) {
                            p.nextToken();
                            switch (name) {
                                case "gdpr" -> extGdpr = flag(p, r, RepairField.REGS_EXT_GDPR, Regs.GDPR_UNKNOWN);
                                case "us_privacy" -> extUsPrivacy = text(p, r, RepairField.REGS_EXT_US_PRIVACY);
                                default -> p.skipChildren();
                            }
                        }
                    }
                }
                default -> p.skipChildren();
            }
        }
        return new Regs(coppa, gdpr != Regs.GDPR_UNKNOWN ? gdpr : extGdpr,
                usPrivacy != null ? usPrivacy : extUsPrivacy, gpp);
    }

    /**
     * The one field {@code name} that the bidder reads of the object just started, read by {@code reader}, the
     * others skipped; null when it is absent.
     */
    private static String onlyField(JsonParser p, Repairs r, String name, RepairField field,
            JsonFields.ElementReader<String> reader) throws IOException {
        String value = null;
        String next;
        while ((next = p.nextFieldName()) != null) {
            p.nextToken();
            if (next.equals(name)) {
                value = reader.read(p, r, field);
            } else {
                p.skipChildren();
            }
        }
        return value;
    }
}
