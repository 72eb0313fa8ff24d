package org.creditlab.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The committed notebooks: valid JSON, the generic kernelspec "java", no kernel magics (so they run under rapaio,
 * IJava or JJava), no committed outputs, and a first cell that starts the CreditLab notebook.
 */
class NotebookFilesTest {
    private static final Path NOTEBOOKS = Path.of("notebooks");

    static List<Path> notebooks() throws Exception {
        List<Path> out = new ArrayList<>();
        try (var s = Files.list(NOTEBOOKS)) {
            s.filter(p -> p.toString().endsWith(".ipynb")).sorted().forEach(out::add);
        }
        return out;
    }

    private static List<String> lines(JsonNode cell) {
        List<String> out = new ArrayList<>();
        JsonNode src = cell.get("source");
        String text;
        if (src.isArray()) {
            StringBuilder sb = new StringBuilder();
            src.forEach(s -> sb.append(s.asText()));
            text = sb.toString();
        } else {
            text = src.asText();
        }
        for (String l : text.split("\n")) {
            out.add(l);
        }
        return out;
    }

    @Test
    void thereAreNotebooks() throws Exception {
        assertFalse(notebooks().isEmpty(), "no notebooks found in " + NOTEBOOKS.toAbsolutePath());
    }

    @Test
    void noNotebookUsesAKernelMagic() throws Exception {
        for (Path nb : notebooks()) {
            JsonNode root = new ObjectMapper().readTree(Files.readString(nb));
            int i = 0;
            for (JsonNode cell : root.get("cells")) {
                if (cell.get("cell_type").asText().equals("code")) {
                    for (String line : lines(cell)) {
                        String t = line.stripLeading();
                        int cellIndex = i;
                        assertFalse(t.startsWith("%"), () -> nb + ", cell " + cellIndex + " uses a kernel magic: " + line);
                    }
                }
                i++;
            }
        }
    }

    @Test
    void notebooksUseTheJavaKernelspecAndAreCommittedWithoutOutputs() throws Exception {
        for (Path nb : notebooks()) {
            JsonNode root = new ObjectMapper().readTree(Files.readString(nb));
            assertEquals("java", root.at("/metadata/kernelspec/name").asText(), nb + " kernelspec");
            for (JsonNode cell : root.get("cells")) {
                if (cell.has("outputs")) {
                    assertEquals(0, cell.get("outputs").size(), nb + " has committed outputs; clear them before committing");
                }
            }
        }
    }

    @Test
    void everyNotebookStartsItsFiguresFolder() throws Exception {
        for (Path nb : notebooks()) {
            String name = nb.getFileName().toString().replace(".ipynb", "");
            JsonNode root = new ObjectMapper().readTree(Files.readString(nb));
            boolean found = false;
            for (JsonNode cell : root.get("cells")) {
                if (cell.get("cell_type").asText().equals("code")) {
                    found = String.join("\n", lines(cell)).contains("Notebook.start(\"" + name + "\")");
                    break;
                }
            }
            assertTrue(found, nb + ": the first code cell must call Notebook.start(\"" + name + "\")");
        }
    }
}
