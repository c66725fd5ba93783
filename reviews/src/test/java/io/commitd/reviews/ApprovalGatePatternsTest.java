package io.commitd.reviews;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ApprovalGatePatternsTest {

  static boolean protects(String tagValue, String refName) {
    List<Pattern> patterns = ApprovalGate.protectedRefs(tagValue);
    return patterns.stream().anyMatch(p -> p.matcher(refName).matches());
  }

  @Test
  void fullNamesAndWildcards() {
    String tag = "refs/heads/main  refs/heads/release/*";
    assertThat(protects(tag, "refs/heads/main")).isTrue();
    assertThat(protects(tag, "refs/heads/release/1.0")).isTrue();
    assertThat(protects(tag, "refs/heads/release/2/hotfix")).isTrue();
    assertThat(protects(tag, "refs/heads/mainline")).isFalse();
    assertThat(protects(tag, "refs/heads/feature/main")).isFalse();
  }

  @Test
  void aShortNameIsABranch() {
    assertThat(protects("main", "refs/heads/main")).isTrue();
    assertThat(protects("main", "refs/tags/main")).isFalse();
  }

  @Test
  void regularExpressionCharactersAreLiteral() {
    assertThat(protects("refs/heads/v1.0", "refs/heads/v1x0")).isFalse();
    assertThat(protects("refs/heads/v1.0", "refs/heads/v1.0")).isTrue();
  }

  @Test
  void noTagNoProtection() {
    assertThat(ApprovalGate.protectedRefs(null)).isEmpty();
    assertThat(ApprovalGate.protectedRefs("   ")).isEmpty();
  }
}
