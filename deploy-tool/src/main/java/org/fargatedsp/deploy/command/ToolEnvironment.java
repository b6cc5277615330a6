package org.fargatedsp.deploy.command;

import java.io.PrintStream;
import java.net.http.HttpClient;
import java.time.Clock;
import java.util.Map;
import org.fargatedsp.deploy.Interrupts;
import org.fargatedsp.deploy.canary.Sleeper;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;

/**
 * What the commands take from the process: environment variables, output streams, time, AWS credentials, the
 * HTTP client for Datadog and interrupt handling. The real process passes its own; tests pass simulated ones.
 */
public record ToolEnvironment(Map<String, String> variables, PrintStream out, PrintStream err, Clock clock,
                              Sleeper sleeper, AwsCredentialsProvider credentials, HttpClient http,
                              Interrupts interrupts) {
}
