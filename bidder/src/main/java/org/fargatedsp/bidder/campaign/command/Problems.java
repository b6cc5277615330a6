package org.fargatedsp.bidder.campaign.command;

import java.io.PrintWriter;

/** How the commands list a file's invalid campaigns on stderr. */
final class Problems {
    private Problems() {}

    /** Prints how many campaigns of {@code checked} are invalid, {@code consequence}, then each problem. */
    static void print(PrintWriter err, CheckedFile checked, String consequence) {
        err.println(checked.file() + ": " + checked.invalid() + " of " + checked.campaigns() + " campaigns are invalid"
                + consequence);
        for (String problem : checked.problems()) {
            err.println("  " + problem);
        }
    }
}
