package org.creditlab.train;

import java.util.List;
import org.creditlab.data.DataSplits;
import org.creditlab.nn.Network;
import org.creditlab.optim.Optimizers;
import org.creditlab.rules.LearningRule;

/** What listeners may read about the run in progress. */
public record TrainingRun(String name, Network network, LearningRule rule, Optimizers optimizers, DataSplits data,
                          TrainingOptions options, List<EpochRecord> history) {}
