package org.fargatedsp.bidder.campaign.command;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code campaigns validate FILE}: checks every campaign of a file as the bidder and the import would. */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = {"Checks every campaign of a campaign file, as the bidder loads them and as DynamoDB items.",
            "Exit codes: 0 valid, 1 invalid (every problem listed), 2 bad usage."})
final class ValidateCommand implements Callable<Integer> {
    private final CliContext context;

    @Parameters(index = "0", paramLabel = "FILE", description = "The campaign file.")
    Path file;

    ValidateCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        CheckedFile checked = CheckedFile.read(file, context.clockMs().getAsLong());
        if (!checked.valid()) {
            Problems.print(context.err(), checked, "");
            return ExitCodes.INVALID;
        }
        context.out().println(file + ": " + checked.campaigns() + " campaigns, all valid");
        return ExitCodes.OK;
    }
}
