package org.creditlab.papers.dfc;

import static org.creditlab.papers.dfc.DfcFindingsTest.classifier;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.creditlab.charts.Bars;
import org.creditlab.train.MetricsTable;
import org.junit.jupiter.api.Test;

/** Table 1's chart says how long each row trained where the rows differ, as the table does. */
class DfcFiguresTest {

    @Test
    void rowsOfDifferentLengthsNameTheirEpochs() {
        Map<Method, List<MetricsTable>> runs = new LinkedHashMap<>();
        runs.put(Method.BP, List.of(classifier(100, 10.6), classifier(100, 10.4)));
        runs.put(Method.DFC_SSA, List.of(classifier(30, 11.7)));
        runs.put(Method.DFC, List.of(classifier(8, 12.5)));
        runs.put(Method.DFC_SS_FIXED, List.of(new MetricsTable("not run", List.of())));
        Bars uneven = DfcFigures.table1("t", "fmnist", runs);
        assertEquals(List.of("BP (100 ep.)", "DFC-SSA (30 ep.)", "DFC (8 ep.)", "DFC-SS (fixed) (no result)"),
                uneven.categoryLabels());

        runs.put(Method.DFC_SSA, List.of(classifier(100, 11.7)));
        runs.put(Method.DFC, List.of(classifier(100, 12.5)));
        assertEquals(List.of("BP", "DFC-SSA", "DFC", "DFC-SS (fixed) (no result)"),
                DfcFigures.table1("t", "fmnist", runs).categoryLabels());
    }
}
