package org.fargatedsp.loadtest.scenario;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongFunction;
import org.fargatedsp.loadtest.report.Criteria;
import org.fargatedsp.loadtest.report.RunSummary;

/**
 * The search for the highest rate a server holds: from the start rate, multiply by the step factor (or add the step)
 * until a step fails or the maximum rate holds, then bisect between the highest rate that held and the lowest that
 * failed, a given number of times. A step holds when its summary meets the criteria (no 5xx, timeout or broken
 * connection, p99 within the threshold).
 *
 * <p>The search is a function of the steps measured so far: {@link #replay} walks it from the start rate, looking up
 * each rate's summary, and stops at the first rate not measured yet, or at the end. Whoever runs the steps (the
 * scenario script) needs to keep no state but the summaries.
 *
 * @param step        added to the rate at each step up; 0 to multiply by {@code stepFactor} instead
 * @param refineSteps bisections after the first failed step
 */
public record CapacitySearch(long startRate, double stepFactor, long step, int refineSteps, long maxRate,
        Criteria criteria) {

    /** One measured step: its rate, its summary and the criteria it failed (none when it held). */
    public record Step(long rate, RunSummary summary, List<String> failures) {
        public boolean held() {
            return failures.isEmpty();
        }
    }

    /**
     * Where the search stands.
     *
     * @param steps    the steps measured so far, in the order the search took them
     * @param nextRate the rate to measure next, or 0 when the search is over
     * @param capacity the highest rate that held so far, 0 if none did
     */
    public record Progress(List<Step> steps, long nextRate, long capacity) {
        public boolean done() {
            return nextRate == 0;
        }

        /** The last step measured, or null before the first. */
        public Step lastStep() {
            return steps.isEmpty() ? null : steps.get(steps.size() - 1);
        }

        /** Whether the search ended because even the start rate failed. */
        public boolean startRateFailed() {
            return done() && capacity == 0 && !steps.isEmpty();
        }
    }

    public CapacitySearch {
        if (startRate < 1 || maxRate < 1 || step < 0 || (step == 0 && !(stepFactor > 1)) || refineSteps < 0) {
            throw new IllegalArgumentException("a capacity search needs rates of at least 1, a step of 0 or more,"
                    + " a step factor above 1 without a step, and 0 or more refine steps");
        }
    }

    /** Walks the search over the steps measured so far; {@code measured} gives a rate's summary, or null if none. */
    public Progress replay(LongFunction<RunSummary> measured) {
        List<Step> steps = new ArrayList<>();
        long rate = startRate;
        long held = 0;
        long failed = 0;
        int refined = 0;
        while (true) {
            RunSummary summary = measured.apply(rate);
            if (summary == null) {
                return new Progress(List.copyOf(steps), rate, held);
            }
            Step measuredStep = new Step(rate, summary, criteria.failures(summary));
            steps.add(measuredStep);
            if (measuredStep.held()) {
                held = rate;
            } else {
                failed = rate;
            }
            if (failed == 0) {
                if (held >= maxRate) {
                    break;
                }
                rate = Math.min(stepUp(held), maxRate);
            } else if (held > 0 && refined < refineSteps && failed - held > 1) {
                rate = (held + failed) / 2;
                refined++;
            } else {
                break;
            }
        }
        return new Progress(List.copyOf(steps), 0, held);
    }

    private long stepUp(long rate) {
        if (step > 0) {
            return rate + step;
        }
        // At least one more request a second, so a factor just above 1 still moves.
        return Math.max(rate + 1, (long) Math.floor(rate * stepFactor));
    }
}
