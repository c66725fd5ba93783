package io.commitd.server.codecommit.comments;

import io.commitd.reviews.CommentRecord;
import io.commitd.reviews.Reaction;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** botocore's {@code Comment}, {@code Location} and {@code ReactionForComment} shapes. */
final class CommentShapes {
  private CommentShapes() {}

  record Location(String filePath, Long filePosition, String relativeFileVersion) {
    static Location of(CommentRecord comment) {
      return comment.filePath() == null ? null
          : new Location(comment.filePath(), comment.filePosition(), comment.relativeFileVersion());
    }
  }

  record Comment(String commentId, String content, String inReplyTo, Instant creationDate, Instant lastModifiedDate,
      String authorArn, Boolean deleted, String clientRequestToken, List<String> callerReactions,
      Map<String, Integer> reactionCounts) {}

  record ReactionValueFormats(String emoji, String shortCode, String unicode) {}

  record ReactionForComment(ReactionValueFormats reaction, List<String> reactionUsers, int reactionsFromDeletedUsersCount) {}

  /** A comment as {@code callerArn} sees it: with their own reaction and everyone's counts. */
  static Comment of(CommentRecord comment, Map<String, String> reactionsByUser, String callerArn) {
    Map<String, Integer> counts = new TreeMap<>();
    reactionsByUser.values().forEach(name -> counts.merge(Reaction.valueOf(name).emoji(), 1, Integer::sum));
    String mine = reactionsByUser.get(callerArn);
    return new Comment(comment.commentId(), comment.content(), comment.inReplyTo(), comment.createdAt(),
        comment.lastModifiedAt(), comment.authorArn(), comment.deleted(), comment.clientRequestToken(),
        mine == null ? List.of() : List.of(Reaction.valueOf(mine).emoji()), counts);
  }
}
