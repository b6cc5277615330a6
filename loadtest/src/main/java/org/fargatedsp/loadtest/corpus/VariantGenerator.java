package org.fargatedsp.loadtest.corpus;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Derives variants of corpus requests so the load reaches more of a bidder's targeting than the
 * handful of IAB examples do: banner and video sizes, device profiles, geo countries, floors, private
 * marketplace deals and blocked categories and advertisers. Field names and values follow OpenRTB 2.5
 * section 3.2 (and 2.6, which keeps them); countries are ISO-3166-1 alpha-3 as section 3.2.19 asks.
 * The same seed always gives the same variants.
 */
public final class VariantGenerator {
    private static final int[][] BANNER_SIZES = {
        {300, 250}, {728, 90}, {320, 50}, {160, 600}, {300, 600}, {970, 250}, {320, 100}, {468, 60}, {336, 280}
    };
    private static final int[][] VIDEO_SIZES = {{640, 480}, {640, 360}, {1280, 720}, {1920, 1080}};
    private static final String[] COUNTRIES = {
        "USA", "GBR", "DEU", "FRA", "JPN", "BRA", "CAN", "AUS", "IND", "ESP", "ITA", "MEX", "NLD", "SWE", "KOR"
    };
    private static final double[] FLOORS = {0.01, 0.05, 0.1, 0.25, 0.5, 1.0, 1.5, 2.5, 5.0};
    private static final String[] CATEGORIES = {
        "IAB25", "IAB26", "IAB7-39", "IAB8-18", "IAB8-5", "IAB9-9", "IAB3-1", "IAB14-1", "IAB19-3", "IAB22-2"
    };
    private static final String[] ADVERTISERS = {
        "apple.com", "go-text.me", "heywire.com", "example-shoes.com", "example-cars.com", "example-bank.com"
    };
    /** devicetype (OpenRTB 2.5 table 5.21), os, osv, make, model. */
    private static final String[][] DEVICES = {
        {"4", "ios", "17.2", "Apple", "iPhone"},
        {"4", "android", "14", "Samsung", "SM-S918B"},
        {"5", "ios", "17.1", "Apple", "iPad"},
        {"5", "android", "13", "Samsung", "SM-X710"},
        {"2", "windows", "10", "Microsoft", "PC"},
        {"2", "macos", "14.2", "Apple", "Macintosh"},
        {"3", "tizen", "7.0", "Samsung", "Smart TV"},
        {"7", "roku", "12.5", "Roku", "Ultra"}
    };
    private static final double DEAL_SHARE = 0.3;

    private VariantGenerator() {}

    /**
     * Makes {@code count} variants, cycling through {@code bases}; each variant weighs 1 and keeps its
     * base's OpenRTB version.
     */
    public static List<CorpusDocument> generate(List<CorpusDocument> bases, int count, long seed) {
        if (count < 0) {
            throw new IllegalArgumentException("variant count must be >= 0, got " + count);
        }
        SplittableRandom random = new SplittableRandom(seed);
        List<CorpusDocument> variants = new ArrayList<>(count);
        for (int v = 0; v < count && !bases.isEmpty(); v++) {
            CorpusDocument base = bases.get(v % bases.size());
            ObjectNode json = base.json().deepCopy();
            vary(json, random);
            String name = String.format(Locale.ROOT, "variant-%04d(%s)", v, base.name());
            variants.add(new CorpusDocument(name, base.openrtbVersion(), json, 1));
        }
        return variants;
    }

    private static void vary(ObjectNode request, SplittableRandom random) {
        double floor = pick(FLOORS, random);
        for (JsonNode node : request.path("imp")) {
            if (node instanceof ObjectNode imp) {
                varyImp(imp, floor, random);
            }
        }
        varyDevice(request.withObjectProperty("device"), random);
        request.set("bcat", subset(CATEGORIES, random.nextInt(5), request, random));
        request.set("badv", subset(ADVERTISERS, random.nextInt(4), request, random));
    }

    private static void varyImp(ObjectNode imp, double floor, SplittableRandom random) {
        if (imp.get("banner") instanceof ObjectNode banner) {
            int[] size = pick(BANNER_SIZES, random);
            banner.put("w", size[0]).put("h", size[1]);
            banner.remove("format");
        }
        if (imp.get("video") instanceof ObjectNode video) {
            int[] size = pick(VIDEO_SIZES, random);
            video.put("w", size[0]).put("h", size[1]);
        }
        imp.put("bidfloor", floor).put("bidfloorcur", "USD");
        if (random.nextDouble() < DEAL_SHARE) {
            ObjectNode pmp = imp.putObject("pmp");
            pmp.put("private_auction", random.nextInt(2));
            ArrayNode deals = pmp.putArray("deals");
            int dealCount = 1 + random.nextInt(2);
            for (int d = 0; d < dealCount; d++) {
                deals.addObject()
                        .put("id", String.format(Locale.ROOT, "DEAL-%03d", random.nextInt(100)))
                        .put("bidfloor", Math.round(floor * 150) / 100.0)
                        .put("bidfloorcur", "USD")
                        .put("at", 1);
            }
        } else {
            imp.remove("pmp");
        }
    }

    private static void varyDevice(ObjectNode device, SplittableRandom random) {
        String[] profile = DEVICES[random.nextInt(DEVICES.length)];
        device.put("devicetype", Integer.parseInt(profile[0]))
                .put("os", profile[1])
                .put("osv", profile[2])
                .put("make", profile[3])
                .put("model", profile[4]);
        device.withObjectProperty("geo").put("country", pick(COUNTRIES, random)).put("type", 2);
    }

    private static ArrayNode subset(String[] values, int size, ObjectNode factory, SplittableRandom random) {
        ArrayNode array = factory.arrayNode();
        int start = random.nextInt(values.length);
        for (int i = 0; i < size; i++) {
            array.add(values[(start + i) % values.length]);
        }
        return array;
    }

    private static <T> T pick(T[] values, SplittableRandom random) {
        return values[random.nextInt(values.length)];
    }

    private static double pick(double[] values, SplittableRandom random) {
        return values[random.nextInt(values.length)];
    }
}
