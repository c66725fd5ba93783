package io.commitd.server.codecommit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** CodeCommit's repository names: 1 to 100 of {@code [A-Za-z0-9_.-]}, not {@code .}, {@code ..} or {@code *.git}. */
class RepositoryNamesTest {

  @ParameterizedTest
  @ValueSource(strings = {"a", "Z", "0", "_", "-", "...", "my-repo_1.2", "git", ".gitx", "a.git2", "a.gi", "x.gitignore"})
  void acceptsLettersDigitsUnderscoresPeriodsAndDashes(String name) {
    assertThat(RepositoryNames.isValid(name)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"", ".", "..", ".git", "a.git", "a.GIT", "a.Git", "a b", "a/b", "a\\b", "é", "a\u0660", "a:b",
      "a\nb"})
  void refusesOtherCharactersDotsAndTheGitSuffix(String name) {
    assertThat(RepositoryNames.isValid(name)).isFalse();
  }

  @Test
  void allowsAHundredCharactersAndNoMore() {
    assertThat(RepositoryNames.isValid("r".repeat(100))).isTrue();
    assertThat(RepositoryNames.isValid("r".repeat(101))).isFalse();
  }

  @Test
  void refusesNull() {
    assertThat(RepositoryNames.isValid(null)).isFalse();
  }
}
