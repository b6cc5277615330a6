package org.fargatedsp.bidder.check;

import java.util.ArrayList;
import java.util.List;
import org.fargatedsp.bidder.openrtb.BadRequestException;
import org.fargatedsp.bidder.openrtb.BidRequest;
import org.fargatedsp.bidder.openrtb.Imp;
import org.fargatedsp.bidder.openrtb.RepairField;
import org.fargatedsp.bidder.openrtb.Repairs;

/**
 * The {@link Repair}s of a request: every value the decoder coerced or dropped and every impression it skipped (its
 * {@link Repairs}), a native request that could not be used ({@code Native.problem}, which costs that impression
 * its native bid), and for a refused request the reason of its 400.
 */
public final class DecoderRepairs {
    private DecoderRepairs() {}

    /** What the decoder repaired in {@code request}, as {@code repairs} recorded it, then its native problems. */
    public static List<Repair> of(BidRequest request, Repairs repairs) {
        List<Repair> list = new ArrayList<>();
        recorded(request, repairs, list);
        for (Imp imp : request.imp()) {
            if (imp.native_() != null && imp.native_().problem() != null) {
                String problem = imp.native_().problem();
                list.add(new Repair(imp.id(), pointer(problem), Repair.DROPPED, problem));
            }
        }
        return list;
    }

    /**
     * The refusal of a whole request, with the reason {@code /openrtb2/bid} answers it with, after what the decoder
     * had repaired before it gave up.
     */
    public static List<Repair> refused(BadRequestException e, Repairs repairs) {
        List<Repair> list = new ArrayList<>();
        recorded(null, repairs, list);
        list.add(refused(e));
        return list;
    }

    /** The refusal of a whole request, with the reason {@code /openrtb2/bid} answers it with. */
    public static Repair refused(BadRequestException e) {
        return new Repair(null, pointer(e.getMessage()), Repair.REFUSED, e.getMessage());
    }

    private static void recorded(BidRequest request, Repairs repairs, List<Repair> list) {
        if (repairs == null) {
            return;
        }
        for (int i = 0; i < repairs.size(); i++) {
            int position = repairs.imp(i);
            RepairField field = repairs.field(i);
            list.add(new Repair(impId(request, repairs, position), pointer(field, position),
                    action(repairs.kind(i)), detail(repairs.kind(i), field)));
        }
        if (repairs.truncated()) {
            list.add(new Repair(null, null, Repair.DROPPED, "more than " + Repairs.MAX_ENTRIES
                    + " repairs: the rest are counted in dsp.bidder.repairs but not listed"));
        }
    }

    /** The id of the decoded impression sent at {@code position}; null for the request or a skipped impression. */
    private static String impId(BidRequest request, Repairs repairs, int position) {
        if (request == null || position < 0) {
            return null;
        }
        for (int j = 0; j < request.imp().size(); j++) {
            if (repairs.sentPosition(j) == position) {
                return request.imp().get(j).id();
            }
        }
        return null;
    }

    /** {@code imp.banner.w} of the impression sent third as {@code /imp/2/banner/w}; {@code bcat} as {@code /bcat}. */
    static String pointer(RepairField field, int position) {
        String path = field.path();
        if (position >= 0 && path.startsWith("imp")) {
            String rest = path.length() > 3 ? path.substring(4).replace('.', '/') : "";
            return "/imp/" + position + (rest.isEmpty() ? "" : "/" + rest);
        }
        return "/" + path.replace('.', '/');
    }

    private static String action(Repairs.Kind kind) {
        return switch (kind) {
            case COERCED -> Repair.COERCED;
            case DROPPED -> Repair.DROPPED;
            case DUPLICATE -> Repair.SKIPPED;
        };
    }

    private static String detail(Repairs.Kind kind, RepairField field) {
        return switch (kind) {
            case COERCED -> field.path() + " was read as the value it plainly is (a number sent as text, one value"
                    + " for a list, an empty string for absent)";
            case DUPLICATE -> "an earlier impression of the request has the same id: this one is skipped";
            case DROPPED -> field.path() + " could not be read and is treated as absent: " + switch (field.scope()) {
                case NONE -> "that costs nothing";
                case DEAL -> "that deal is not bid on";
                case IMP -> field == RepairField.IMP_ID ? "the impression is skipped" : "the impression is unbiddable";
                case REQUEST -> "every impression of the request is unbiddable";
            };
        };
    }

    /** The JSON Pointer a decoder message starts with ({@code /imp/0/banner/w: expected ...}); null when none. */
    static String pointer(String message) {
        if (message == null || !message.startsWith("/")) {
            return null;
        }
        int end = 1;
        while (end < message.length() && message.charAt(end) != ' ' && message.charAt(end) != ':') {
            end++;
        }
        return message.substring(0, end);
    }
}
