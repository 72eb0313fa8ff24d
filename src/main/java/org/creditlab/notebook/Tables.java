package org.creditlab.notebook;

import java.io.StringWriter;
import java.math.BigDecimal;
import java.math.MathContext;
import java.text.FieldPosition;
import java.text.NumberFormat;
import java.text.ParsePosition;
import java.util.Locale;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;
import tech.tablesaw.columns.numbers.NumberColumnFormatter;
import tech.tablesaw.io.html.HtmlWriteOptions;

/** Tablesaw tables for people: numbers rounded to four significant digits, as HTML or as aligned text. */
public final class Tables {
    private Tables() {}

    /** A copy of {@code t} whose numeric columns print with four significant digits. */
    public static Table rounded(Table t) {
        Table copy = t.copy();
        copy.setName(t.name());
        for (Column<?> c : copy.columns()) {
            if (c instanceof NumericColumn<?> n) {
                n.setPrintFormatter(new NumberColumnFormatter(new SignificantFormat(4), "NaN"));
            }
        }
        return copy;
    }

    /** An HTML {@code <table>} written by Tablesaw's HTML module, with the table's name as caption. */
    public static String html(Table t) {
        StringWriter w = new StringWriter();
        rounded(t).write().usingOptions(HtmlWriteOptions.builder(w).build());
        String body = w.toString();
        String caption = t.name() == null || t.name().isBlank() ? "" : "<p><b>" + escape(t.name()) + "</b></p>\n";
        return caption + body;
    }

    /** The whole table as aligned text. */
    public static String text(Table t) {
        return rounded(t).printAll();
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    /** Four significant digits, scientific notation for very small or large magnitudes. */
    private static final class SignificantFormat extends NumberFormat {
        private final int digits;

        SignificantFormat(int digits) {
            this.digits = digits;
        }

        @Override
        public StringBuffer format(double v, StringBuffer to, FieldPosition pos) {
            if (Double.isNaN(v)) {
                return to.append("NaN");
            }
            double a = Math.abs(v);
            if (v == Math.rint(v) && a < 1e6) {
                return to.append((long) v);
            }
            if (a != 0 && (a < 1e-3 || a >= 1e6)) {
                return to.append(String.format(Locale.ROOT, "%." + (digits - 1) + "e", v));
            }
            BigDecimal b = new BigDecimal(v).round(new MathContext(digits));
            return to.append(b.stripTrailingZeros().toPlainString());
        }

        @Override
        public StringBuffer format(long v, StringBuffer to, FieldPosition pos) {
            return to.append(v);
        }

        @Override
        public Number parse(String source, ParsePosition pos) {
            throw new UnsupportedOperationException();
        }
    }
}
