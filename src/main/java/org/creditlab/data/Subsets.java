package org.creditlab.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.creditlab.util.Rng;

/** Deterministic, stratified choices of examples: each class keeps its share of the whole. */
public final class Subsets {
    private Subsets() {}

    /** Indices of {@code n} examples drawn per class in proportion to the class counts, sorted ascending. */
    public static int[] stratified(int[] labels, int classes, int n, Rng rng) {
        return split(labels, classes, n, rng)[0];
    }

    /**
     * Splits the examples into a stratified part of {@code n} and the rest; both sorted ascending.
     *
     * @return {chosen, rest}
     */
    public static int[][] split(int[] labels, int classes, int n, Rng rng) {
        if (n < 0 || n > labels.length) {
            throw new IllegalArgumentException("cannot choose " + n + " of " + labels.length + " examples");
        }
        List<List<Integer>> byClass = new ArrayList<>();
        for (int c = 0; c < classes; c++) {
            byClass.add(new ArrayList<>());
        }
        for (int i = 0; i < labels.length; i++) {
            byClass.get(labels[i]).add(i);
        }
        int[] quota = quotas(byClass.stream().mapToInt(List::size).toArray(), n);
        int[] chosen = new int[n];
        int[] rest = new int[labels.length - n];
        int a = 0;
        int b = 0;
        for (int c = 0; c < classes; c++) {
            List<Integer> members = byClass.get(c);
            int[] order = rng.child("class", c).permutation(members.size());
            for (int k = 0; k < order.length; k++) {
                int idx = members.get(order[k]);
                if (k < quota[c]) {
                    chosen[a++] = idx;
                } else {
                    rest[b++] = idx;
                }
            }
        }
        Arrays.sort(chosen);
        Arrays.sort(rest);
        return new int[][] {chosen, rest};
    }

    /** Largest-remainder apportionment of n among classes with the given counts. */
    static int[] quotas(int[] counts, int n) {
        long total = Arrays.stream(counts).asLongStream().sum();
        int[] q = new int[counts.length];
        double[] remainder = new double[counts.length];
        int assigned = 0;
        for (int c = 0; c < counts.length; c++) {
            double exact = total == 0 ? 0 : (double) n * counts[c] / total;
            q[c] = (int) Math.floor(exact);
            remainder[c] = exact - q[c];
            assigned += q[c];
        }
        while (assigned < n) {
            int best = -1;
            for (int c = 0; c < counts.length; c++) {
                if (q[c] < counts[c] && (best < 0 || remainder[c] > remainder[best])) {
                    best = c;
                }
            }
            q[best]++;
            remainder[best] = -1;
            assigned++;
        }
        return q;
    }
}
