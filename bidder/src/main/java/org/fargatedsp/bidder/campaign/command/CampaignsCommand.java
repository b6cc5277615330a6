package org.fargatedsp.bidder.campaign.command;

import java.io.UncheckedIOException;
import java.lang.reflect.Constructor;
import java.util.concurrent.Callable;
import org.fargatedsp.bidder.campaign.CampaignFileException;
import org.fargatedsp.bidder.campaign.table.TableException;
import org.fargatedsp.config.ConfigException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * {@code campaigns}: import a campaign file into a DynamoDB table, export a table as a campaign file, validate a
 * file. Results go to stdout, progress and problems to stderr, one line each and no stack trace.
 */
@Command(name = "campaigns", mixinStandardHelpOptions = true,
        subcommands = {ImportCommand.class, ExportCommand.class, ValidateCommand.class,
            CommandLine.HelpCommand.class},
        description = {"Campaign files and campaign tables (README, \"Campaigns in DynamoDB\").",
            "AWS settings come from the standard environment: AWS_REGION, AWS_ENDPOINT_URL, credentials.",
            "Exit codes: 0 done, 1 invalid campaigns, 2 bad usage or settings, 3 a DynamoDB call failed."})
public final class CampaignsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    /** Runs {@code args}; returns the exit code. */
    public static int run(String[] args, CliContext context) {
        CommandLine line = new CommandLine(new CampaignsCommand(), new Factory(context));
        line.setDefaultValueProvider(TableOptions.KEYS);
        line.setOut(context.out());
        line.setErr(context.err());
        line.setExecutionExceptionHandler((e, command, parsed) -> failed(e, context));
        int code = line.execute(args);
        context.out().flush();
        context.err().flush();
        return code;
    }

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCodes.USAGE;
    }

    /** One line for what failed, and its exit code. */
    private static int failed(Exception e, CliContext context) {
        if (e instanceof TableException) {
            context.err().println("campaigns: " + e.getMessage());
            return ExitCodes.AWS;
        }
        if (e instanceof CampaignFileException invalid) {
            context.err().println("campaigns: " + invalid.source() + " is not a campaign file:");
            invalid.problems().forEach(p -> context.err().println("  " + p));
            return ExitCodes.INVALID;
        }
        if (e instanceof UncheckedIOException) {
            context.err().println("campaigns: " + e.getMessage());
            return ExitCodes.INVALID;
        }
        if (e instanceof ConfigException config) {
            context.err().println("campaigns: invalid settings: " + String.join("; ", config.problems()));
            return ExitCodes.USAGE;
        }
        String what = e instanceof SdkException ? "AWS call failed: " : "failed: ";
        context.err().println("campaigns: " + what + e);
        return ExitCodes.AWS;
    }

    /** Creates the commands with the shared context; everything else the picocli way. */
    private record Factory(CliContext context) implements CommandLine.IFactory {
        @Override
        public <K> K create(Class<K> type) throws Exception {
            try {
                Constructor<K> constructor = type.getDeclaredConstructor(CliContext.class);
                return constructor.newInstance(context);
            } catch (NoSuchMethodException e) {
                return CommandLine.defaultFactory().create(type);
            }
        }
    }
}
