package org.creditlab.cli;

import java.nio.file.Path;
import org.creditlab.util.ProjectPaths;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * For the tests of the README's generated tables: the record tier is the project's own {@code records/} (tests run in
 * the project folder), whatever the environment points it at, and the previous setting is restored afterwards.
 */
final class ProjectRecords implements BeforeAllCallback, AfterAllCallback {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(ProjectRecords.class);
    private static final String BEFORE = "configured records";
    private static final String NONE = "";

    @Override
    public void beforeAll(ExtensionContext context) {
        String configured = System.getProperty(ProjectPaths.RECORDS_PROPERTY);
        context.getStore(NAMESPACE).put(BEFORE, configured == null ? NONE : configured);
        System.setProperty(ProjectPaths.RECORDS_PROPERTY, Path.of("records").toAbsolutePath().toString());
    }

    @Override
    public void afterAll(ExtensionContext context) {
        String configured = context.getStore(NAMESPACE).get(BEFORE, String.class);
        if (configured == null || configured.equals(NONE)) {
            System.clearProperty(ProjectPaths.RECORDS_PROPERTY);
        } else {
            System.setProperty(ProjectPaths.RECORDS_PROPERTY, configured);
        }
    }
}
