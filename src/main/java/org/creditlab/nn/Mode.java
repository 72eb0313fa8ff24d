package org.creditlab.nn;

/** Whether a forward pass trains (dropout on, batch statistics) or evaluates (dropout off, running statistics). */
public enum Mode {
    TRAIN,
    EVAL
}
