package org.fargatedsp.bidder.check;

import java.util.ArrayList;
import java.util.List;
import org.fargatedsp.bidder.openrtb.BadRequestException;
import org.fargatedsp.bidder.openrtb.BidRequest;
import org.fargatedsp.bidder.openrtb.Imp;

/**
 * The {@link Repair}s of a request, from what the decoder leaves on the decoded request: today a native request
 * that could not be used ({@code Native.problem}, which costs that impression its native bid), and for a refused
 * request the reason of its 400. Every repair the decoder records is to be listed here, and only here.
 */
public final class DecoderRepairs {
    private DecoderRepairs() {}

    /** What the decoder repaired in {@code request}, impression by impression, in the request's order. */
    public static List<Repair> of(BidRequest request) {
        List<Repair> repairs = new ArrayList<>();
        for (Imp imp : request.imp()) {
            if (imp.native_() != null && imp.native_().problem() != null) {
                String problem = imp.native_().problem();
                repairs.add(new Repair(imp.id(), pointer(problem), Repair.DROPPED, problem));
            }
        }
        return repairs;
    }

    /** The refusal of a whole request, with the reason {@code /openrtb2/bid} answers it with. */
    public static Repair refused(BadRequestException e) {
        return new Repair(null, pointer(e.getMessage()), Repair.REFUSED, e.getMessage());
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
