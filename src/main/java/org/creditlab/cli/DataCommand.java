package org.creditlab.cli;

import java.util.concurrent.Callable;
import org.creditlab.data.DataSpec;
import org.creditlab.data.DataSplits;
import org.creditlab.data.DatasetName;
import org.creditlab.data.Datasets;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Finds (or downloads) a dataset and says where it is and what it holds. */
@Command(name = "data", mixinStandardHelpOptions = true,
        description = "Locate a dataset (data/, system installs, or a SHA-256-checked download) and summarise it.")
final class DataCommand implements Callable<Integer> {
    @Parameters(index = "0", description = "mnist, fashion-mnist, cifar-10 or cifar-100")
    String dataset;
    @Option(names = "--no-download", description = "fail instead of downloading a missing dataset")
    boolean noDownload;

    @Override
    public Integer call() {
        DataSplits d = Datasets.load(DataSpec.of(DatasetName.parse(dataset)).toBuilder().download(!noDownload).build());
        System.out.println(d.train());
        System.out.println(d.test());
        return 0;
    }
}
