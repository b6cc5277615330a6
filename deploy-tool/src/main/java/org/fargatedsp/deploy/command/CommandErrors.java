package org.fargatedsp.deploy.command;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Arrays;
import java.util.List;
import org.fargatedsp.deploy.ExitCodes;
import org.fargatedsp.config.ConfigException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * The one place where a failure that escapes a command becomes its exit code (docs/deploy-tool.md, Exit codes),
 * its line on stderr, and with {@code --json} its error object on stdout: bad usage and configuration exit 3,
 * anything else 2. A flow that ran reports its own outcome, cleanup included, in its summary instead.
 */
final class CommandErrors implements IParameterExceptionHandler, IExecutionExceptionHandler {
    /** What {@code --json} writes for a failure: the fields Jenkins reads from a summary, and each problem. */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    record Failure(String command, String result, int exitCode, String message, List<String> problems) {
    }

    private final ToolEnvironment env;

    CommandErrors(ToolEnvironment env) {
        this.env = env;
    }

    /** Unknown options, missing option values, unknown commands: picocli found them before anything ran. */
    @Override
    public int handleParseException(ParameterException e, String[] args) {
        env.err().println("usage error: " + e.getMessage());
        env.err().println("Try '" + e.getCommandLine().getCommandSpec().qualifiedName() + " --help'.");
        env.err().flush();
        if (Arrays.asList(args).contains("--json")) {
            DeployCommand.printJson(env, new Failure(e.getCommandLine().getCommandName(), "usage", ExitCodes.USAGE,
                    e.getMessage(), List.of()));
        }
        return ExitCodes.USAGE;
    }

    @Override
    public int handleExecutionException(Exception e, CommandLine commandLine, ParseResult parseResult) {
        Failure failure = failure(commandLine.getCommandName(), e);
        if (failure.problems().isEmpty()) {
            env.err().println("error: " + failure.message());
        } else {
            failure.problems().forEach(p -> env.err().println("configuration error: " + p));
        }
        env.err().flush();
        if (commandLine.getCommand() instanceof DeployCommand command && command.options.json) {
            DeployCommand.printJson(env, failure);
        }
        return failure.exitCode();
    }

    /** Configuration problems (a template variable not set among them) are bad usage; everything else an error. */
    static Failure failure(String command, Throwable e) {
        if (e instanceof ConfigException config) {
            return new Failure(command, "usage", ExitCodes.USAGE, config.getMessage(), config.problems());
        }
        return new Failure(command, "error", ExitCodes.ERROR, e.getMessage() == null ? e.toString() : e.getMessage(),
                List.of());
    }
}
