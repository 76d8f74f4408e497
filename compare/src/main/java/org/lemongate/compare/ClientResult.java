package org.lemongate.compare;

import java.util.List;

/**
 * Every step of one client, in workload order.
 *
 * @param client the client's name ({@code IMAP}, {@code REST}, ...)
 * @param steps  its steps
 */
public record ClientResult(String client, List<StepResult> steps) {

    /** Copies the list. */
    public ClientResult {
        steps = List.copyOf(steps);
    }

    /** All steps' traffic added up. */
    public Traffic total() {
        return steps.stream().map(StepResult::traffic).reduce(Traffic.NONE, Traffic::plus);
    }

    /** The result of one step. */
    public StepResult step(Step step) {
        return steps.stream().filter(s -> s.step() == step).findFirst().orElseThrow();
    }
}
