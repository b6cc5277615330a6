package org.fargatedsp.bidder.campaign;

import java.util.List;

/** A campaign file that cannot be used, with every problem found in it. */
public final class CampaignFileException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String source;
    private final transient List<String> problems;

    public CampaignFileException(String source, List<String> problems) {
        super(source + ": " + String.join("; ", problems));
        this.source = source;
        this.problems = List.copyOf(problems);
    }

    /** The file, or the item, the problems are in. */
    public String source() {
        return source;
    }

    public List<String> problems() {
        return problems;
    }
}
