package io.commitd.reviews;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The reactions CodeCommit accepts on comments, each known by its emoji, its short code and its
 * Unicode code point; a reaction can be given in any of the three forms.
 */
public enum Reaction {
  THUMBSUP("\uD83D\uDC4D", ":thumbsup:", "U+1F44D", ":+1:"),
  THUMBSDOWN("\uD83D\uDC4E", ":thumbsdown:", "U+1F44E", ":-1:"),
  LAUGHING("\uD83D\uDE06", ":laughing:", "U+1F606", ":laugh:"),
  HOORAY("\uD83C\uDF89", ":hooray:", "U+1F389", ":tada:"),
  CONFUSED("\uD83D\uDE15", ":confused:", "U+1F615", null),
  HEART("\u2764\uFE0F", ":heart:", "U+2764", null),
  ROCKET("\uD83D\uDE80", ":rocket:", "U+1F680", null),
  EYES("\uD83D\uDC40", ":eyes:", "U+1F440", null);

  private final String emoji;
  private final String shortCode;
  private final String unicode;
  private final String alias;

  Reaction(String emoji, String shortCode, String unicode, String alias) {
    this.emoji = emoji;
    this.shortCode = shortCode;
    this.unicode = unicode;
    this.alias = alias;
  }

  public String emoji() {
    return emoji;
  }

  public String shortCode() {
    return shortCode;
  }

  public String unicode() {
    return unicode;
  }

  /** The reaction {@code value} names in any of its forms, or empty for one CodeCommit does not know. */
  public static Optional<Reaction> of(String value) {
    String trimmed = value.strip();
    for (Reaction reaction : values()) {
      if (List.of(reaction.emoji, reaction.emoji.replace("\uFE0F", ""), reaction.shortCode).contains(trimmed)
          || reaction.unicode.equalsIgnoreCase(trimmed) || trimmed.equals(reaction.alias)
          || trimmed.toLowerCase(Locale.ROOT).equals(reaction.shortCode.replace(":", ""))) {
        return Optional.of(reaction);
      }
    }
    return Optional.empty();
  }

  /** True for the values that remove the caller's reaction: blank, or {@code none}. */
  public static boolean isRemoval(String value) {
    return value == null || value.isBlank() || value.strip().equalsIgnoreCase("none");
  }
}
