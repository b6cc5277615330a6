package org.fargatedsp.bidder.campaign.command;

import java.io.PrintWriter;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * What the campaign commands run with: the environment (AWS settings), where results (stdout) and progress and
 * problems (stderr) go, and the clock that dates the items written.
 */
public record CliContext(Map<String, String> env, PrintWriter out, PrintWriter err, LongSupplier clockMs) {}
