package org.creditlab.notebook;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

class TablesTest {
    private final Table t = Table.create("Final accuracy",
            StringColumn.create("rule", "bp", "fa <fixed>"),
            DoubleColumn.create("test_acc", 0.8761234567, 0.85),
            DoubleColumn.create("loss", 1.23e-5, Double.NaN));

    @Test
    void htmlIsARealTableWithRoundedNumbersAndEscapedText() {
        String html = Tables.html(t);
        assertTrue(html.contains("<table>") && html.contains("</table>"), html);
        assertTrue(html.contains("<th>rule</th>") && html.contains("<th>test_acc</th>"), html);
        assertTrue(html.contains("<td>0.8761</td>"), html);
        assertTrue(html.contains("1.230e-05"), html);
        assertTrue(html.contains("fa &lt;fixed&gt;"), html);
        assertTrue(html.contains("Final accuracy"), html);
        assertFalse(html.contains("0.8761234567"), html);
    }

    @Test
    void textFallbackIsAligned() {
        String text = Tables.text(t);
        assertTrue(text.contains("0.8761") && text.contains("rule") && text.contains("NaN"), text);
        String[] lines = text.split("\n");
        assertTrue(lines.length >= 4, text);
    }

    @Test
    void outsideAKernelTableFallsBackToText() {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        java.io.PrintStream old = System.out;
        System.setOut(new java.io.PrintStream(bytes));
        try {
            Notebook.start("tables-test").table(t);
        } finally {
            System.setOut(old);
        }
        assertTrue(bytes.toString().contains("0.8761"), bytes.toString());
    }
}
