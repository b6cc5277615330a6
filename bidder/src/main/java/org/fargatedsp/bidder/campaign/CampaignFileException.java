package org.fargatedsp.bidder.campaign;

import java.util.List;

/** A campaign file that cannot be used, with every problem found in it. */
public final class CampaignFileException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient List<String> problems;

    public CampaignFileException(String source, List<String> problems) {
        super(source + ": " + String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
