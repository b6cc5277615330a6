package org.fargatedsp.deploy.command;

import java.io.PrintWriter;
import java.lang.reflect.Constructor;
import java.util.concurrent.Callable;
import org.fargatedsp.deploy.ExitCodes;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** Builds the picocli command line: the subcommands, the environment they share, and the exit code mapping. */
@Command(name = "deploy-tool", mixinStandardHelpOptions = true, version = "fargate-dsp deploy-tool",
        subcommands = {RenderCommand.class, DiffCommand.class, CanaryCommand.class, PromoteCommand.class,
                AbortCommand.class, RollbackCommand.class, StatusCommand.class, CommandLine.HelpCommand.class},
        description = {"Canary deploys of the fargate-dsp bidder on ECS Fargate.",
                "Exit codes: 0 deployed/done, 1 canary rejected and cleaned up, 2 error, 3 bad usage."})
public final class Commands implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    /** The command line over the given environment; {@link CommandErrors} maps what fails to an exit code. */
    public static CommandLine commandLine(ToolEnvironment env, PrintWriter out, PrintWriter err) {
        CommandLine line = new CommandLine(new Commands(), new Factory(env));
        line.setDefaultValueProvider(CommonOptions.KEYS);
        line.setOut(out);
        line.setErr(err);
        CommandErrors errors = new CommandErrors(env);
        line.setParameterExceptionHandler(errors);
        line.setExecutionExceptionHandler(errors);
        return line;
    }

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCodes.USAGE;
    }

    /** Creates commands with the shared environment; everything else the picocli way. */
    private record Factory(ToolEnvironment env) implements CommandLine.IFactory {
        @Override
        public <K> K create(Class<K> type) throws Exception {
            if (DeployCommand.class.isAssignableFrom(type)) {
                Constructor<K> constructor = type.getDeclaredConstructor(ToolEnvironment.class);
                return constructor.newInstance(env);
            }
            return CommandLine.defaultFactory().create(type);
        }
    }
}
