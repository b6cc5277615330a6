package org.fargatedsp.deploy;

import java.io.PrintWriter;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import org.fargatedsp.deploy.canary.Sleeper;
import org.fargatedsp.deploy.command.Commands;
import org.fargatedsp.deploy.command.ToolEnvironment;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;

/** The deploy tool's entry point: {@code java -jar deploy-tool.jar <command> [options]}. */
public final class DeployTool {
    /** How long a SIGTERM waits for clean-up (draining takes most of it) before the JVM exits anyway. */
    private static final Duration INTERRUPT_GRACE = Duration.ofMinutes(20);

    private DeployTool() {
    }

    public static void main(String[] args) {
        Interrupts interrupts = new Interrupts(Thread.currentThread(), System.err, INTERRUPT_GRACE);
        interrupts.installShutdownHook();
        ToolEnvironment env = new ToolEnvironment(System.getenv(), System.out, System.err, Clock.systemUTC(),
                Sleeper.SYSTEM, DefaultCredentialsProvider.builder().build(),
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build(), interrupts);
        System.exit(run(args, env));
    }

    /** Runs one command line and returns its exit code; never throws, never prints a stack trace. */
    public static int run(String[] args, ToolEnvironment env) {
        int code;
        try {
            code = Commands.commandLine(env, new PrintWriter(env.out(), true), new PrintWriter(env.err(), true))
                    .execute(args);
        } catch (RuntimeException e) {
            env.err().println("error: " + e);
            code = ExitCodes.ERROR;
        }
        env.interrupts().finished(code);
        return code;
    }
}
