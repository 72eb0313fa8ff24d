package org.creditlab.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaPackage;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The package table of {@code docs/architecture.md}, held against the compiled code (main classes only). Each package
 * may use the packages it lists and, through them, what those list in turn; nothing else of CreditLab. An entry that
 * names a class ("sweep.Summary") allows that class alone. A new package must be added to the table here and in the
 * document.
 */
class ArchitectureTest {

    /** The "depends on" column of docs/architecture.md, package by package (relative to org.creditlab). */
    static final Map<String, List<String>> DEPENDS_ON = new LinkedHashMap<>();

    static {
        DEPENDS_ON.put("util", List.of());
        DEPENDS_ON.put("nn", List.of("util"));
        DEPENDS_ON.put("data", List.of("util", "nn"));
        DEPENDS_ON.put("optim", List.of("nn"));
        DEPENDS_ON.put("rules", List.of("nn", "data"));
        DEPENDS_ON.put("rules.backprop", List.of("rules"));
        DEPENDS_ON.put("rules.feedback", List.of("rules"));
        DEPENDS_ON.put("rules.pepita", List.of("rules"));
        DEPENDS_ON.put("rules.copi", List.of("rules", "rules.feedback"));
        DEPENDS_ON.put("rules.dfc", List.of("rules"));
        DEPENDS_ON.put("rules.catalogue", List.of("rules.backprop", "rules.feedback", "rules.pepita", "rules.copi", "rules.dfc"));
        DEPENDS_ON.put("train", List.of("rules", "optim", "data"));
        DEPENDS_ON.put("results", List.of("train"));
        DEPENDS_ON.put("diagnostics", List.of("rules", "rules.dfc", "rules.copi", "train"));
        DEPENDS_ON.put("experiment", List.of("results", "diagnostics"));
        DEPENDS_ON.put("execution", List.of("experiment"));
        DEPENDS_ON.put("sweep", List.of("execution"));
        DEPENDS_ON.put("charts", List.of("train", "data", "sweep.Summary"));
        DEPENDS_ON.put("notebook", List.of("charts", "experiment", "sweep"));
        List<String> everythingAbove = List.of("notebook", "sweep", "diagnostics", "rules.backprop", "rules.feedback", "rules.pepita",
                "rules.copi", "rules.dfc");
        DEPENDS_ON.put("papers.kunin", everythingAbove);
        DEPENDS_ON.put("papers.pepita", everythingAbove);
        DEPENDS_ON.put("papers.copi", everythingAbove);
        DEPENDS_ON.put("papers.dfc", everythingAbove);
        DEPENDS_ON.put("benchmark", everythingAbove);
        DEPENDS_ON.put("cli", List.of("papers.kunin", "papers.pepita", "papers.copi", "papers.dfc", "benchmark", "rules.catalogue"));
    }

    /**
     * What the paper packages may use of {@code rules.dfc}: the facade for analyses, and the rule's configuration and
     * handle. The simulation's internals (dynamics, Jacobians, per-sample algebra) stay behind the facade.
     */
    static final List<String> DFC_FACADE = List.of("rules.dfc.DfcAnalysis", "rules.dfc.ControlledAnalysis",
            "rules.dfc.DfcSpec", "rules.dfc.Controller", "rules.dfc.ControlledRule");

    private static final String ROOT = "org.creditlab";
    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages(ROOT);
    }

    /** A package with what it lists, and what those list, and so on; classes named in the table are not followed. */
    static Set<String> reachable(String pkg) {
        Set<String> out = new TreeSet<>();
        Deque<String> todo = new ArrayDeque<>(List.of(pkg));
        while (!todo.isEmpty()) {
            String p = todo.pop();
            if (out.add(p) && !isClass(p)) {
                todo.addAll(DEPENDS_ON.getOrDefault(p, List.of()));
            }
        }
        return out;
    }

    private static boolean isClass(String entry) {
        return Character.isUpperCase(entry.charAt(entry.lastIndexOf('.') + 1));
    }

    static List<String> packages() {
        return List.copyOf(DEPENDS_ON.keySet());
    }

    @ParameterizedTest
    @MethodSource("packages")
    void usesOnlyWhatTheTableAllows(String pkg) {
        Set<String> reach = reachable(pkg);
        String[] packages = reach.stream().filter(p -> !isClass(p)).map(p -> ROOT + "." + p).toArray(String[]::new);
        String[] named = reach.stream().filter(ArchitectureTest::isClass).map(p -> ROOT + "." + p).toArray(String[]::new);
        classes().that().resideInAPackage(ROOT + "." + pkg)
                .should().onlyDependOnClassesThat(not(resideInAPackage(ROOT + "..")).or(resideInAnyPackage(packages))
                        .or(belongToAnyOf(named)))
                .because("docs/architecture.md lets " + pkg + " depend on " + DEPENDS_ON.get(pkg) + " (and what they depend on)")
                .allowEmptyShould(true)
                .check(classes);
    }

    @Test
    void papersUseOnlyTheDfcFacade() {
        String[] facade = DFC_FACADE.stream().map(c -> ROOT + "." + c).toArray(String[]::new);
        classes().that().resideInAPackage(ROOT + ".papers..")
                .should().onlyDependOnClassesThat(not(resideInAPackage(ROOT + ".rules.dfc")).or(belongToAnyOf(facade)))
                .because("docs/architecture.md lets the papers reach rules.dfc only through " + DFC_FACADE)
                .check(classes);
    }

    /** The named classes and their nested classes. */
    private static DescribedPredicate<JavaClass> belongToAnyOf(String[] names) {
        Set<String> set = Set.of(names);
        return DescribedPredicate.describe("are one of " + set, c -> set.contains(c.getName().split("\\$")[0]));
    }

    @Test
    void packagesFormNoCycle() {
        slices().matching(ROOT + ".(**)").should().beFreeOfCycles().check(classes);
    }

    @Test
    void everyPackageIsInTheTable() {
        Set<String> found = classes.stream().map(JavaClass::getPackage).map(JavaPackage::getName)
                .filter(n -> n.startsWith(ROOT + ".")).map(n -> n.substring(ROOT.length() + 1))
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(new TreeSet<>(DEPENDS_ON.keySet()), found, "packages of org.creditlab against docs/architecture.md's table");
    }
}
