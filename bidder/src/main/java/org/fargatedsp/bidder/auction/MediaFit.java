package org.fargatedsp.bidder.auction;

import java.util.List;
import org.fargatedsp.bidder.campaign.CampaignIndex;
import org.fargatedsp.bidder.campaign.Creative;
import org.fargatedsp.bidder.campaign.EntryQuery;
import org.fargatedsp.bidder.openrtb.Audio;
import org.fargatedsp.bidder.openrtb.Banner;
import org.fargatedsp.bidder.openrtb.Format;
import org.fargatedsp.bidder.openrtb.Imp;
import org.fargatedsp.bidder.openrtb.Video;

/**
 * How a creative of each media kind fits an impression: which index sets select it, which blocked attributes
 * exclude it, and the checks the index cannot make (video and audio mimes, duration and protocols; native
 * lengths, image sizes and mimes).
 */
enum MediaFit {
    BANNER {
        @Override
        boolean present(Imp imp) {
            return imp.banner() != null;
        }

        @Override
        void addFilters(Imp imp, CampaignIndex index, EntryQuery q) {
            Banner banner = imp.banner();
            // The exact w x h and every size in format[] (spec 3.2.6, 3.2.10).
            q.beginGroup();
            q.or(index.banners(banner.w(), banner.h()));
            List<Format> formats = banner.format();
            for (int i = 0; formats != null && i < formats.size(); i++) {
                q.or(index.banners(formats.get(i).w(), formats.get(i).h()));
            }
            boolean sized = banner.w() > 0 || (formats != null && !formats.isEmpty());
            if (!sized && imp.instl() == 1) {
                // An interstitial without a size takes the full screen: offer the standard interstitial sizes.
                for (int i = 0; i < INTERSTITIAL_SIZES.length; i += 2) {
                    q.or(index.banners(INTERSTITIAL_SIZES[i], INTERSTITIAL_SIZES[i + 1]));
                }
            }
            q.endGroup();
            blockAttributes(banner.battr(), index, q);
        }
    },
    VIDEO {
        @Override
        boolean present(Imp imp) {
            return imp.video() != null;
        }

        @Override
        void addFilters(Imp imp, CampaignIndex index, EntryQuery q) {
            q.and(index.video());
            blockAttributes(imp.video().battr(), index, q);
        }

        @Override
        boolean fits(Creative creative, Imp imp) {
            Video video = imp.video();
            return mimeAccepted(creative, video.mimes())
                    && durationFits(creative.duration(), video.minduration(), video.maxduration())
                    && protocolAccepted(creative, video.protocols(), video.protocol());
        }
    },
    AUDIO {
        @Override
        boolean present(Imp imp) {
            return imp.audio() != null;
        }

        @Override
        void addFilters(Imp imp, CampaignIndex index, EntryQuery q) {
            q.and(index.audio());
            blockAttributes(imp.audio().battr(), index, q);
        }

        @Override
        boolean fits(Creative creative, Imp imp) {
            Audio audio = imp.audio();
            return mimeAccepted(creative, audio.mimes())
                    && durationFits(creative.duration(), audio.minduration(), audio.maxduration())
                    && protocolAccepted(creative, audio.protocols(), 0);
        }
    },
    NATIVE {
        /** A native object whose request could not be used has a problem instead: nothing is bid on it. */
        @Override
        boolean present(Imp imp) {
            return imp.native_() != null && imp.native_().request() != null;
        }

        @Override
        void addFilters(Imp imp, CampaignIndex index, EntryQuery q) {
            q.and(index.nativeAds());
            NativeFit.addFilters(imp.native_().request(), index.nativeAssets(), q);
            blockAttributes(imp.native_().battr(), index, q);
        }

        @Override
        boolean fits(Creative creative, Imp imp) {
            return NativeFit.fits(creative.nativeAd(), imp.native_().request());
        }
    };

    static final MediaFit[] VALUES = values();
    /** Width, height pairs of the IAB interstitial sizes (phone and tablet, portrait and landscape). */
    private static final int[] INTERSTITIAL_SIZES = {320, 480, 480, 320, 768, 1024, 1024, 768};

    /**
     * The banner sizes the impression takes, as {@link #BANNER} looks them up in the index: {@code w}x{@code h},
     * each of {@code format[]}, and the interstitial sizes for an interstitial without a size. For explanations.
     */
    static List<int[]> offeredSizes(Imp imp) {
        Banner banner = imp.banner();
        List<int[]> sizes = new java.util.ArrayList<>();
        sizes.add(new int[] {banner.w(), banner.h()});
        List<Format> formats = banner.format();
        for (int i = 0; formats != null && i < formats.size(); i++) {
            sizes.add(new int[] {formats.get(i).w(), formats.get(i).h()});
        }
        if (banner.w() <= 0 && (formats == null || formats.isEmpty()) && imp.instl() == 1) {
            for (int i = 0; i < INTERSTITIAL_SIZES.length; i += 2) {
                sizes.add(new int[] {INTERSTITIAL_SIZES[i], INTERSTITIAL_SIZES[i + 1]});
            }
        }
        return sizes;
    }

    abstract boolean present(Imp imp);

    abstract void addFilters(Imp imp, CampaignIndex index, EntryQuery q);

    /** The checks beyond the index; banner creatives are settled by the index alone. */
    boolean fits(Creative creative, Imp imp) {
        return true;
    }

    private static void blockAttributes(int[] battr, CampaignIndex index, EntryQuery q) {
        for (int i = 0; battr != null && i < battr.length; i++) {
            q.not(index.withAttribute(battr[i]));
        }
    }

    /** The impression's mimes (required for video and audio by the spec, absent means any) include one of ours. */
    static boolean mimeAccepted(Creative creative, List<String> mimes) {
        if (mimes == null || mimes.isEmpty()) {
            return true;
        }
        List<String> ours = creative.mimes();
        for (int i = 0; i < mimes.size(); i++) {
            for (int j = 0; j < ours.size(); j++) {
                if (ours.get(j).equalsIgnoreCase(mimes.get(i))) {
                    return true;
                }
            }
        }
        return false;
    }

    /** 0 for min or max means the impression sets no bound. */
    static boolean durationFits(int duration, int min, int max) {
        return (min <= 0 || duration >= min) && (max <= 0 || duration <= max);
    }

    /** {@code protocols} or the deprecated single {@code protocol} (2.5); neither given means any. */
    private static boolean protocolAccepted(Creative creative, int[] protocols, int protocol) {
        boolean listed = protocols != null && protocols.length > 0;
        if (!listed && protocol <= 0) {
            return true;
        }
        for (int i = 0; listed && i < protocols.length; i++) {
            if (creative.protocols().contains(protocols[i])) {
                return true;
            }
        }
        return protocol > 0 && creative.protocols().contains(protocol);
    }
}
