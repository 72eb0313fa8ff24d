package org.creditlab.data;

/** Examples as read from disk: unsigned 8-bit pixels, example after example, and their integer labels. */
record LabelledBytes(byte[] pixels, int[] labels, long[] exampleShape) {
    int count() {
        return labels.length;
    }
}
