package org.fargatedsp.bidder.auction;

import java.util.List;
import org.fargatedsp.bidder.campaign.EntryQuery;
import org.fargatedsp.bidder.campaign.NativeAd;
import org.fargatedsp.bidder.campaign.NativeIndex;
import org.fargatedsp.bidder.openrtb.NativeRequest;

/**
 * How a native creative answers the assets of a native request (Native Ad Specification 1.2, section 4): a creative
 * fits when it fills every required asset and at least one asset in all. A title fills a title asset when it is
 * at most {@code len} characters long; data of the asked type when its value is at most {@code len} characters;
 * an image of the asked type (any type when none is asked) when its width is at least {@code wmin}, or exactly
 * {@code w} when only {@code w} is given (section 4.4: "if only w is included, it should be considered an exact
 * requirement"), the same for the height, and its mime type is one of {@code mimes} when they are given. The first
 * of the creative's images or data that fills an asset is the one answered.
 */
final class NativeFit {
    /** No asset of the creative fills the request's asset. */
    static final int NONE = -1;
    /** The creative's title, as a fill. */
    static final int TITLE = 0;

    private NativeFit() {}

    /** Adds the index sets of the kinds of assets the request requires, settled when the campaigns were loaded. */
    static void addFilters(NativeRequest request, NativeIndex index, EntryQuery q) {
        List<NativeRequest.Asset> assets = request.assets();
        for (int i = 0; i < assets.size(); i++) {
            NativeRequest.Asset asset = assets.get(i);
            if (!asset.isRequired()) {
                continue;
            }
            if (asset.title() != null) {
                q.and(index.title());
            } else if (asset.img() != null) {
                q.and(index.image(asset.img().type()));
            } else {
                q.and(index.data(asset.data().type()));
            }
        }
    }

    /** Every required asset filled, and at least one asset. */
    static boolean fits(NativeAd ad, NativeRequest request) {
        List<NativeRequest.Asset> assets = request.assets();
        int filled = 0;
        for (int i = 0; i < assets.size(); i++) {
            NativeRequest.Asset asset = assets.get(i);
            if (choose(ad, asset) != NONE) {
                filled++;
            } else if (asset.isRequired()) {
                return false;
            }
        }
        return filled > 0;
    }

    /**
     * What of the creative fills {@code asset}: {@link #TITLE}, {@code 1 + i} for image {@code i}, {@code 1 +
     * images + j} for data {@code j}, or {@link #NONE}.
     */
    static int choose(NativeAd ad, NativeRequest.Asset asset) {
        if (asset.title() != null) {
            int len = asset.title().len();
            return ad.title() != null && (len <= 0 || ad.title().length() <= len) ? TITLE : NONE;
        }
        List<NativeAd.Image> images = ad.images();
        NativeRequest.Img img = asset.img();
        if (img != null) {
            for (int i = 0; i < images.size(); i++) {
                if (fits(images.get(i), img)) {
                    return 1 + i;
                }
            }
            return NONE;
        }
        NativeRequest.Data wanted = asset.data();
        List<NativeAd.Data> data = ad.data();
        for (int j = 0; j < data.size(); j++) {
            NativeAd.Data d = data.get(j);
            if (d.type() == wanted.type() && (wanted.len() <= 0 || d.value().length() <= wanted.len())) {
                return 1 + images.size() + j;
            }
        }
        return NONE;
    }

    private static boolean fits(NativeAd.Image image, NativeRequest.Img img) {
        return (img.type() == 0 || img.type() == image.type())
                && dimensionFits(image.w(), img.w(), img.wmin())
                && dimensionFits(image.h(), img.h(), img.hmin())
                && mimeAccepted(image.mime(), img.mimes());
    }

    /** A minimum when one is given, else the exact size when that is given, else anything. */
    private static boolean dimensionFits(int ours, int exact, int min) {
        if (min > 0) {
            return ours >= min;
        }
        return exact <= 0 || ours == exact;
    }

    private static boolean mimeAccepted(String mime, List<String> mimes) {
        if (mimes == null || mimes.isEmpty()) {
            return true;
        }
        for (int i = 0; mime != null && i < mimes.size(); i++) {
            if (mime.equalsIgnoreCase(mimes.get(i))) {
                return true;
            }
        }
        return false;
    }
}
