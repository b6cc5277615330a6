package org.fargatedsp.bidder.openrtb;

import java.util.List;

/**
 * The Native Ad Specification request (1.0 to 1.2, section 4.1) carried in {@code imp.native.request}, holding what
 * the bidder matches and answers: the assets and the event trackers the placement supports. {@code ver} is the
 * request's own version, else {@code imp.native.ver}, else null; {@code wrapped} says the request came inside a
 * {@code {"native":{...}}} root object, as Native 1.0 wrote it.
 */
public record NativeRequest(String ver, boolean wrapped, List<Asset> assets, List<EventTracker> eventtrackers) {

    /**
     * One asset (section 4.2). At most one of {@code title}, {@code img} and {@code data} is set; none is set for a
     * video asset, an asset of a kind the bidder does not fill, or one with a field it could not read: such an
     * asset cannot be filled.
     */
    public record Asset(int id, int required, Title title, Img img, Data data) {
        /** Whether the placement cannot show the ad without this asset. */
        public boolean isRequired() {
            return required == 1;
        }
    }

    /** Title asset (section 4.3): {@code len} is the most characters the title may have; 0 sets no limit. */
    public record Title(int len) {}

    /**
     * Image asset (section 4.4): {@code type} 1 icon, 2 logo (1.0 and 1.1), 3 main, 0 not given; exact {@code w}
     * and {@code h}, or minimum {@code wmin} and {@code hmin}; 0 means not given. {@code mimes} null means any.
     */
    public record Img(int type, int w, int h, int wmin, int hmin, List<String> mimes) {}

    /** Data asset (section 4.6): {@code type} from table 7.4 (1 sponsored, 2 desc, ...); {@code len} 0 sets no limit. */
    public record Data(int type, int len) {}

    /** An event the placement can track (1.2, section 4.7), with the methods it supports (1 img, 2 js). */
    public record EventTracker(int event, int[] methods) {
        /** Whether {@code method} is one of the supported methods. */
        public boolean supports(int method) {
            for (int i = 0; methods != null && i < methods.length; i++) {
                if (methods[i] == method) {
                    return true;
                }
            }
            return false;
        }
    }
}
