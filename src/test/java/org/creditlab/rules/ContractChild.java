package org.creditlab.rules;

import org.creditlab.experiment.RuleContract;

/** Checks one rule's contract in a JVM of its own, so that a test can give it an environment: exit 0 if it passed. */
final class ContractChild {
    private ContractChild() {}

    public static void main(String[] args) {
        RuleContract.Report report = RuleContract.check(args[0]);
        System.out.println(report.format());
        System.exit(report.passed() ? 0 : 1);
    }
}
