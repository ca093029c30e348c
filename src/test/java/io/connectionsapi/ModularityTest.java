package io.connectionsapi;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.stereotype.Repository;

/**
 * The packages depend on each other only as their package-info declares ({@code allowedDependencies}), without
 * cycles, and the collections (the repositories) know nothing of HTTP: paging, queries and conflicts are the
 * store's, and the web layer turns them into envelopes.
 */
class ModularityTest {

    @Test
    void packagesDependOnlyOnWhatTheyDeclareWithoutCycles() {
        ApplicationModules.of(ConnectionsApiApplication.class).verify();
    }

    @Test
    void repositoriesUseNoWebTypes() {
        noClasses().that().areAnnotatedWith(Repository.class)
                .should().dependOnClassesThat().resideInAPackage("io.connectionsapi.web..")
                .check(new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                        .importPackages("io.connectionsapi"));
    }
}
