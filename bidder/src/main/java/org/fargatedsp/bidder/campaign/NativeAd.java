package org.fargatedsp.bidder.campaign;

import java.util.List;

/**
 * What a native creative shows, asset by asset, from which the bidder builds each native response (Native Ad
 * Specification 1.2, section 5) so that it answers exactly the assets an impression asks for: a title, images by
 * type (1 icon, 2 logo, 3 main) with their size and mime type, data by type (table 7.4: 1 sponsored, 2 desc, ...),
 * the click link and the trackers. Tracker URLs may carry exchange macros such as {@code ${AUCTION_PRICE}}.
 */
public record NativeAd(
        String title,
        List<Image> images,
        List<Data> data,
        Link link,
        List<String> imptrackers,
        List<EventTracker> eventtrackers) {

    public NativeAd {
        images = List.copyOf(images);
        data = List.copyOf(data);
        imptrackers = List.copyOf(imptrackers);
        eventtrackers = List.copyOf(eventtrackers);
    }

    /** An image: its type, where it is, its size in pixels and its mime type (null when unknown). */
    public record Image(int type, String url, int w, int h, String mime) {}

    /** A data asset: its type and its text. */
    public record Data(int type, String value) {}

    /** Where a click goes, and who is told of it. */
    public record Link(String url, List<String> clicktrackers) {
        public Link {
            clicktrackers = List.copyOf(clicktrackers);
        }
    }

    /** A tracker of one event (1 impression, 2 to 4 viewability) by one method (1 image pixel, 2 JavaScript). */
    public record EventTracker(int event, int method, String url) {}
}
