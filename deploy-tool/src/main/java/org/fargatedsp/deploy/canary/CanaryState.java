package org.fargatedsp.deploy.canary;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.fargatedsp.deploy.aws.Target;

/**
 * Everything a run has created so far, recorded the moment AWS confirms it, so clean-up (after a rejection, an
 * error or an interrupt) knows what to remove.
 */
public final class CanaryState {
    private final Set<String> taskDefinitionArns = new LinkedHashSet<>();
    private String keptTaskDefinitionArn;
    private final Set<String> taskArns = new LinkedHashSet<>();
    private final Map<String, Set<Target>> targets = new LinkedHashMap<>();
    private boolean weightedRule;

    public synchronized void taskDefinitionRegistered(String arn) {
        taskDefinitionArns.add(arn);
    }

    /** After a promotion the new revision is the service's: clean-up must not deregister it (null: keep none). */
    public synchronized void keepTaskDefinition(String arn) {
        keptTaskDefinitionArn = arn;
    }

    public synchronized void tasksStarted(List<String> arns) {
        taskArns.addAll(arns);
    }

    public synchronized void targetsRegistered(String targetGroupArn, List<Target> registered) {
        targets.computeIfAbsent(targetGroupArn, k -> new LinkedHashSet<>()).addAll(registered);
    }

    public synchronized void ruleWeighted() {
        weightedRule = true;
    }

    /** The revisions clean-up should deregister: those this run (or a crashed one) registered and did not ship. */
    public synchronized List<String> taskDefinitionsToDeregister() {
        return taskDefinitionArns.stream().filter(arn -> !arn.equals(keptTaskDefinitionArn)).toList();
    }

    public synchronized List<String> taskArns() {
        return new ArrayList<>(taskArns);
    }

    public synchronized Map<String, List<Target>> targets() {
        Map<String, List<Target>> copy = new LinkedHashMap<>();
        targets.forEach((group, set) -> copy.put(group, new ArrayList<>(set)));
        return copy;
    }

    public synchronized boolean weightedRule() {
        return weightedRule;
    }

    public synchronized boolean isEmpty() {
        return taskArns.isEmpty() && targets.isEmpty() && !weightedRule && taskDefinitionsToDeregister().isEmpty();
    }
}
