package io.commitd.server.codecommit.data;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.revwalk.RevCommit;

/** botocore's {@code Commit} and {@code UserInfo} shapes from JGit's commits. */
public final class CommitShapes {
  private CommitShapes() {}

  public static Map<String, Object> commit(RevCommit commit) {
    Map<String, Object> shape = new LinkedHashMap<>();
    shape.put("commitId", commit.name());
    shape.put("treeId", commit.getTree().name());
    shape.put("parents", List.of(commit.getParents()).stream().map(RevCommit::name).toList());
    shape.put("message", commit.getFullMessage());
    shape.put("author", user(commit.getAuthorIdent()));
    shape.put("committer", user(commit.getCommitterIdent()));
    shape.put("additionalData", "");
    return shape;
  }

  /** CodeCommit dates a person as {@code "<epoch seconds> <±hhmm>"}. */
  static Map<String, Object> user(PersonIdent person) {
    int offset = person.getZoneOffset().getTotalSeconds() / 60;
    String zone = String.format("%s%02d%02d", offset < 0 ? "-" : "+", Math.abs(offset) / 60, Math.abs(offset) % 60);
    Map<String, Object> user = new LinkedHashMap<>();
    user.put("name", person.getName());
    user.put("email", person.getEmailAddress());
    user.put("date", person.getWhenAsInstant().getEpochSecond() + " " + zone);
    return user;
  }
}
