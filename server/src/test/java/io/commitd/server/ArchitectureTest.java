package io.commitd.server;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.eclipse.jgit.lib.RefDatabase;
import org.eclipse.jgit.lib.Repository;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The module rules of DESIGN.md, checked on the compiled classes of every module: a violation
 * fails {@code mvn verify}. The server module's tests see every module, so the rules live here.
 */
class ArchitectureTest {
  private static JavaClasses commitd;

  @BeforeAll
  static void importCommitd() {
    commitd = new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("io.commitd");
  }

  @Test
  void noModuleImportsTheServer() {
    noClasses().that().resideOutsideOfPackage("io.commitd.server..")
        .should().dependOnClassesThat().resideInAPackage("io.commitd.server..")
        .check(commitd);
  }

  @Test
  void storageImportsNoIamTransportServerOrHigherModule() {
    noClasses().that().resideInAPackage("io.commitd.storage..")
        .should().dependOnClassesThat().resideInAnyPackage(
            "io.commitd.iam..", "io.commitd.transport..", "io.commitd.server..", "io.commitd.approval..",
            "io.commitd.triggers..", "io.commitd.git..", "io.commitd.reviews..")
        .check(commitd);
  }

  @Test
  void thePolicyLanguageImportsOnlyTheJdkAndJackson() {
    classes().that().resideInAPackage("io.commitd.iam.policy..")
        .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "com.fasterxml.jackson..", "io.commitd.iam.policy..")
        .check(commitd);
  }

  @Test
  void approvalEvaluationImportsNoStorageAndNoIo() {
    classes().that().resideInAPackage("io.commitd.approval.rules..")
        .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "com.fasterxml.jackson..", "io.commitd.approval.rules..")
        .check(commitd);
  }

  @Test
  void theEventModelAndPatternMatchingArePure() {
    classes().that().resideInAnyPackage("io.commitd.triggers.events..", "io.commitd.triggers.pattern..", "io.commitd.triggers.config..")
        .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "com.fasterxml.jackson..", "io.commitd.triggers..")
        .check(commitd);
  }

  @Test
  void gitObjectLogicHasNoHttpIdentityOrTransportInIt() {
    noClasses().that().resideInAPackage("io.commitd.git..")
        .should().dependOnClassesThat().resideInAnyPackage(
            "io.commitd.server..", "io.commitd.transport..", "io.commitd.iam..", "jakarta.servlet..", "org.eclipse.jetty..")
        .check(commitd);
  }

  @Test
  void reviewsKnowNothingOfTransportsOrTheWire() {
    noClasses().that().resideInAPackage("io.commitd.reviews..")
        .should().dependOnClassesThat().resideInAnyPackage(
            "io.commitd.server..", "io.commitd.transport..", "jakarta.servlet..", "org.eclipse.jetty..")
        .check(commitd);
  }

  @Test
  void refsAreReadThroughRefsSoThatAPackInBetweenIsNeverMissed() {
    noClasses().that().doNotHaveFullyQualifiedName("io.commitd.storage.git.Refs")
        .should().callMethod(Repository.class, "exactRef", String.class)
        .orShould().callMethod(RefDatabase.class, "exactRef", String.class)
        .check(commitd);
  }

  @Test
  void onlyAccessControlEvaluatesPolicies() {
    noClasses().that().resideOutsideOfPackage("io.commitd.iam.policy..")
        .and().doNotHaveFullyQualifiedName("io.commitd.iam.auth.AccessControl")
        .should().dependOnClassesThat().haveFullyQualifiedName("io.commitd.iam.policy.PolicyEvaluator")
        .check(commitd);
  }
}
