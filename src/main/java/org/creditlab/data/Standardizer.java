package org.creditlab.data;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Per-channel standardisation with statistics of the training set: x ← (x − μ_c)/σ_c, where c is the image channel
 * (one channel for grey images, so a single μ and σ as in the usual MNIST normalisation).
 */
public record Standardizer(double[] mean, double[] std) {

    public static Standardizer fit(Dataset train) {
        long[] shape = train.exampleShape();
        int channels = shape.length == 3 ? (int) shape[0] : 1;
        INDArray byChannel = train.features().reshape(train.size(), channels, -1);
        double[] mean = new double[channels];
        double[] std = new double[channels];
        for (int c = 0; c < channels; c++) {
            INDArray v = byChannel.get(NDArrayIndex.all(),
                    NDArrayIndex.point(c), NDArrayIndex.all());
            mean[c] = v.meanNumber().doubleValue();
            std[c] = Math.max(v.stdNumber().doubleValue(), 1e-8);
        }
        return new Standardizer(mean, std);
    }

    public Dataset apply(Dataset data) {
        int channels = mean.length;
        INDArray f = data.features().dup().reshape(data.size(), channels, -1);
        for (int c = 0; c < channels; c++) {
            INDArray v = f.get(NDArrayIndex.all(),
                    NDArrayIndex.point(c), NDArrayIndex.all());
            v.subi(mean[c]).divi(std[c]);
        }
        return data.withFeatures(f.reshape(data.size(), data.featureCount()), data.exampleShape());
    }
}
