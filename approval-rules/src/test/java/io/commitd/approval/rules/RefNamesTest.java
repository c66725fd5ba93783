package io.commitd.approval.rules;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RefNamesTest {

  @ParameterizedTest
  @ValueSource(strings = {"refs/heads/main", "refs/heads/release/1.0", "refs/tags/v1", "refs/heads/feature-x_y"})
  void acceptsFullReferenceNames(String name) {
    assertThat(RefNames.isValidFullRefName(name)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "main", "heads/main", "refs/", "refs/heads/", "refs//main", "refs/heads/a..b", "refs/heads/.hidden",
        "refs/heads/x.lock", "refs/heads/x.", "refs/heads/a b", "refs/heads/a~1", "refs/heads/a^", "refs/heads/a:b",
        "refs/heads/a?", "refs/heads/*", "refs/heads/a[b", "refs/heads/a\\b", "refs/heads/a@{1}", "refs/heads/a\tb"
      })
  void rejectsWhatGitRejectsOrWhatIsNotAFullName(String name) {
    assertThat(RefNames.isValidFullRefName(name)).isFalse();
  }
}
