package org.fargatedsp.bidder.campaign;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.fargatedsp.bidder.campaign.CampaignFile.DataJson;
import org.fargatedsp.bidder.campaign.CampaignFile.EventTrackerJson;
import org.fargatedsp.bidder.campaign.CampaignFile.ImageJson;
import org.fargatedsp.bidder.campaign.CampaignFile.NativeJson;

/**
 * Turns a native creative's {@code native} object as written in a campaign file into a {@link NativeAd}, adding
 * every problem, placed, to the campaign validator's list. The types are those of Native Ad Specification 1.2.
 */
final class NativeAdValidator {
    /** An absolute http or https URL, macros such as {@code ${AUCTION_PRICE}} allowed, no whitespace. */
    private static final Pattern URL = Pattern.compile("(?i)https?://[^\\s\"]+");
    private static final Pattern MIME = Pattern.compile("image/[a-z0-9.+-]+");

    private final List<String> errors;

    NativeAdValidator(List<String> errors) {
        this.errors = errors;
    }

    /** The assets at {@code at}, or null when they have a problem (already listed). */
    NativeAd nativeAd(String at, NativeJson json) {
        int before = errors.size();
        String title = json.title();
        if (title != null && title.isBlank()) {
            errors.add(at + ".title must not be blank; leave it out for a creative without a title");
        }
        List<NativeAd.Image> images = new ArrayList<>();
        for (int i = 0; json.images() != null && i < json.images().size(); i++) {
            NativeAd.Image image = image(at + ".images[" + i + "]", json.images().get(i));
            if (image != null) {
                images.add(image);
            }
        }
        List<NativeAd.Data> data = new ArrayList<>();
        for (int i = 0; json.data() != null && i < json.data().size(); i++) {
            NativeAd.Data d = data(at + ".data[" + i + "]", json.data().get(i));
            if (d != null) {
                data.add(d);
            }
        }
        if (title == null && (json.images() == null || json.images().isEmpty())
                && (json.data() == null || json.data().isEmpty())) {
            errors.add(at + " needs at least one asset: a title, an image or a data asset");
        }
        NativeAd.Link link = null;
        if (json.link() == null) {
            errors.add(at + ".link is required: where a click goes");
        } else {
            String url = url(at + ".link.url", json.link().url());
            List<String> clicktrackers = urls(at + ".link.clicktrackers", json.link().clicktrackers());
            link = new NativeAd.Link(url, clicktrackers);
        }
        List<String> imptrackers = urls(at + ".imptrackers", json.imptrackers());
        List<NativeAd.EventTracker> eventtrackers = new ArrayList<>();
        for (int i = 0; json.eventtrackers() != null && i < json.eventtrackers().size(); i++) {
            NativeAd.EventTracker tracker = eventTracker(at + ".eventtrackers[" + i + "]", json.eventtrackers().get(i));
            if (tracker != null) {
                eventtrackers.add(tracker);
            }
        }
        if (errors.size() != before) {
            return null;
        }
        return new NativeAd(title, images, data, link, imptrackers, eventtrackers);
    }

    private NativeAd.Image image(String at, ImageJson json) {
        if (json == null) {
            errors.add(at + " is null");
            return null;
        }
        int before = errors.size();
        if (json.type() == null || json.type() < 1 || json.type() > 3) {
            errors.add(at + ".type must be 1 (icon), 2 (logo) or 3 (main), not " + json.type());
        }
        String url = url(at + ".url", json.url());
        if (json.w() == null || json.w() <= 0 || json.h() == null || json.h() <= 0) {
            errors.add(at + ": an image needs a positive w and h");
        }
        String mime = json.mime();
        if (mime != null && !MIME.matcher(mime).matches()) {
            errors.add(at + ".mime \"" + mime + "\" is not an image mime type such as image/png");
        }
        if (errors.size() != before) {
            return null;
        }
        return new NativeAd.Image(json.type(), url, json.w(), json.h(), mime != null ? mime : mimeOf(url));
    }

    private NativeAd.Data data(String at, DataJson json) {
        if (json == null) {
            errors.add(at + " is null");
            return null;
        }
        int before = errors.size();
        Integer type = json.type();
        if (type == null || type < 1 || (type > 12 && type < 500)) {
            errors.add(at + ".type must be a Native 1.2 data type (1 to 12, or 500 and up), not " + type);
        }
        if (json.value() == null || json.value().isBlank()) {
            errors.add(at + ".value is required");
        }
        return errors.size() != before ? null : new NativeAd.Data(type, json.value());
    }

    private NativeAd.EventTracker eventTracker(String at, EventTrackerJson json) {
        if (json == null) {
            errors.add(at + " is null");
            return null;
        }
        int before = errors.size();
        Integer event = json.event();
        if (event == null || event < 1 || (event > 4 && event < 500)) {
            errors.add(at + ".event must be 1 (impression), 2 to 4 (viewability) or 500 and up, not " + event);
        }
        Integer method = json.method();
        if (method == null || method < 1 || (method > 2 && method < 500)) {
            errors.add(at + ".method must be 1 (image pixel), 2 (JavaScript) or 500 and up, not " + method);
        }
        String url = url(at + ".url", json.url());
        return errors.size() != before ? null : new NativeAd.EventTracker(event, method, url);
    }

    private String url(String at, String value) {
        if (value == null || value.isBlank()) {
            errors.add(at + " is required");
            return null;
        }
        if (!URL.matcher(value).matches()) {
            errors.add(at + " \"" + value + "\" is not an http or https URL");
            return null;
        }
        return value;
    }

    private List<String> urls(String at, List<String> values) {
        List<String> result = new ArrayList<>();
        for (int i = 0; values != null && i < values.size(); i++) {
            String url = url(at + "[" + i + "]", values.get(i));
            if (url != null) {
                result.add(url);
            }
        }
        return result;
    }

    /** The mime type the URL's extension names, for images that do not give theirs; null when it names none. */
    static String mimeOf(String url) {
        if (url == null) {
            return null;
        }
        String path = url.toLowerCase(Locale.ROOT);
        int end = path.length();
        for (char stop : new char[] {'?', '#'}) {
            int at = path.indexOf(stop);
            if (at >= 0 && at < end) {
                end = at;
            }
        }
        path = path.substring(0, end);
        if (path.endsWith(".png")) {
            return "image/png";
        }
        if (path.endsWith(".jpg") || path.endsWith(".jpeg")) {
            return "image/jpeg";
        }
        if (path.endsWith(".gif")) {
            return "image/gif";
        }
        if (path.endsWith(".webp")) {
            return "image/webp";
        }
        return path.endsWith(".svg") ? "image/svg+xml" : null;
    }
}
