package io.commitd.storage.aws;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ArnTest {

  @Test
  void aUserWithAPathKeepsItsPathInItsArn() {
    Arn alice = Arn.user("111111111111", "/engineering/", "alice");

    assertThat(alice).hasToString("arn:aws:iam::111111111111:user/engineering/alice");
    assertThat(alice.path()).isEqualTo("/engineering/");
    assertThat(alice.resourceName()).isEqualTo("alice");
    assertThat(alice.resourceType()).isEqualTo("user");
  }

  @Test
  void anEntityWithoutAPathSitsAtTheRootPath() {
    assertThat(Arn.role("111111111111", null, "deployer")).hasToString("arn:aws:iam::111111111111:role/deployer");
    assertThat(Arn.user("111111111111", "eng", "bob")).hasToString("arn:aws:iam::111111111111:user/eng/bob");
    assertThat(Arn.role("111111111111", "/", "deployer").path()).isEqualTo("/");
  }

  @Test
  void aRoleSessionIsAnStsArnWithoutTheRolePath() {
    Arn session = Arn.assumedRole("222222222222", "Reviewer", "mary");

    assertThat(session).hasToString("arn:aws:sts::222222222222:assumed-role/Reviewer/mary");
    assertThat(session.isAssumedRole()).isTrue();
    assertThat(session.sessionRoleName()).isEqualTo("Reviewer");
  }

  @Test
  void parsingAndPrintingAreInverse() {
    for (String text : new String[] {
        "arn:aws:iam::111111111111:root",
        "arn:aws:codecommit:us-east-1:111111111111:my-repo",
        "arn:aws:iam::aws:policy/AWSCodeCommitReadOnly",
        "arn:aws:sts::111111111111:assumed-role/R/s"}) {
      assertThat(Arn.parse(text)).map(Arn::toString).contains(text);
    }
  }

  @Test
  void textThatIsNoArnParsesToNothing() {
    assertThat(Arn.parse("arn:aws:iam")).isEmpty();
    assertThat(Arn.parse("*")).isEmpty();
    assertThat(Arn.parse(null)).isEmpty();
    assertThat(Arn.parse("urn:aws:iam::1:root")).isEmpty();
  }

  @Test
  void aRepositoryArnNamesItsRegionAccountAndName() {
    Arn repository = Arn.repository("us-east-1", "111111111111", "demo");

    assertThat(repository).hasToString("arn:aws:codecommit:us-east-1:111111111111:demo");
    assertThat(repository.resourceName()).isEqualTo("demo");
    assertThat(Arn.accountRoot("111111111111")).hasToString("arn:aws:iam::111111111111:root");
  }

  @Test
  void theAccountOfAnArnIsWhatParsingItGives() {
    for (String text : new String[] {"arn:aws:codecommit:us-east-1:111111111111:repo", "arn:aws:iam::111111111111:user/a",
        "arn:aws:iam::aws:policy/ReadOnlyAccess", "arn:aws:s3:::bucket", "arn:aws:sts::222222222222:assumed-role/R/s:x",
        "*", "", "arn:", "arn:aws", "arn::iam::1:root", "arn:aws::::x", "arn:aws:iam::111111111111:", "nar:aws:iam::1:root",
        "arn:aws:iam::111111111111"}) {
      assertThat(Arn.accountIdOf(text)).as(text).isEqualTo(Arn.parse(text).map(Arn::accountId).orElse(null));
    }
    assertThat(Arn.accountIdOf(null)).isNull();
  }
}
