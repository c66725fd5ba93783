package io.commitd.server.transport;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.commitd.server.testing.AwsCli;
import io.commitd.server.testing.Git;
import io.commitd.server.testing.TestServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Git over smart HTTP with the real git binary and the aws CLI as credential helper. */
class GitHttpIT {
  static TestServer server;
  static AwsCli admin;

  @TempDir Path scratch;

  @BeforeAll
  static void start() {
    server = TestServer.start();
    admin = server.rootCli();
  }

  @AfterAll
  static void stop() throws Exception {
    // Every repository the tests touched must still be a sound git repository.
    try (var repositories = Files.list(server.dataDir().resolve("repositories"))) {
      for (Path repository : repositories.toList()) {
        Git.anonymous(server.dataDir()).ok(repository, "fsck", "--strict");
      }
    }
    server.close();
  }

  static String url(String repository) {
    return server.endpoint() + "/v1/repos/" + repository;
  }

  static void createRepository(String name) {
    admin.run("codecommit", "create-repository", "--repository-name", name).json();
  }

  /** A new IAM user allowed every CodeCommit action, and its git credentials (ServiceSpecificCredential). */
  static JsonNode gitCredentialOfNewUser(String userName) {
    admin.run("iam", "create-user", "--user-name", userName).json();
    admin.run("iam", "put-user-policy", "--user-name", userName, "--policy-name", "all", "--policy-document",
        "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"codecommit:*\",\"Resource\":\"*\"}}").json();
    return admin.run("iam", "create-service-specific-credential", "--user-name", userName,
        "--service-name", "codecommit.amazonaws.com").json().get("ServiceSpecificCredential");
  }

  Path cloneOf(Git git, String repository, String... options) {
    Path target = scratch.resolve(repository + "-" + System.nanoTime());
    List<String> args = new ArrayList<>(List.of("clone", "-q"));
    args.addAll(List.of(options));
    args.add(url(repository));
    args.add(target.toString());
    git.ok(scratch, args.toArray(String[]::new));
    return target;
  }

  @Test
  void cloneCommitPushFetchAndLsRemote() throws Exception {
    createRepository("roundtrip");
    Git git = Git.withCredentialHelper(scratch, admin);
    Path first = cloneOf(git, "roundtrip");
    String commit = git.commitFile(first, "README.md", "hello\n", "first");
    git.ok(first, "push", "-q", "origin", "main");

    assertThat(git.ok(scratch, "ls-remote", url("roundtrip"))).contains(commit + "\trefs/heads/main").contains(commit + "\tHEAD");
    JsonNode repository = admin.run("codecommit", "get-repository", "--repository-name", "roundtrip").json().get("repositoryMetadata");
    assertThat(repository.get("defaultBranch").asText()).isEqualTo("main");

    // The push asked for a background repack, which writes the pack bitmap clones are served from.
    String repositoryId = repository.get("repositoryId").asText();
    Path packs = server.server().fileRepositoryStore().directoryOf(repositoryId).resolve("objects/pack");
    assertThat(eventually(() -> {
      try (var files = Files.list(packs)) {
        return files.anyMatch(f -> f.toString().endsWith(".bitmap"));
      }
    })).as("a pack bitmap after the push").isTrue();

    Path second = cloneOf(git, "roundtrip");
    assertThat(second.resolve("README.md")).hasContent("hello");
    String next = git.commitFile(second, "b.txt", "b\n", "second");
    git.ok(second, "push", "-q", "origin", "main");
    git.ok(first, "fetch", "-q", "origin");
    assertThat(git.ok(first, "rev-parse", "origin/main").strip()).isEqualTo(next);
  }

  /** Polls for up to a minute: for background work that has no completion signal. */
  static boolean eventually(java.util.concurrent.Callable<Boolean> condition) throws Exception {
    for (int i = 0; i < 600; i++) {
      if (condition.call()) {
        return true;
      }
      Thread.sleep(100);
    }
    return false;
  }

  @Test
  void protocolVersionsShallowAndPartialClones() {
    createRepository("shapes");
    Git git = Git.withCredentialHelper(scratch, admin);
    Path work = cloneOf(git, "shapes");
    for (int i = 0; i < 3; i++) {
      git.commitFile(work, "dir/file" + i + ".txt", "content " + i + "\n", "commit " + i);
    }
    git.ok(work, "push", "-q", "origin", "main");

    for (String version : List.of("0", "1", "2")) {
      assertThat(git.ok(scratch, "-c", "protocol.version=" + version, "ls-remote", url("shapes"))).contains("refs/heads/main");
    }
    Path shallow = cloneOf(git, "shapes", "--depth", "1");
    assertThat(git.ok(shallow, "rev-parse", "--is-shallow-repository").strip()).isEqualTo("true");
    assertThat(git.ok(shallow, "rev-list", "--count", "HEAD").strip()).isEqualTo("1");

    Path blobless = cloneOf(git, "shapes", "--filter=blob:none");
    assertThat(git.ok(blobless, "config", "remote.origin.promisor").strip()).isEqualTo("true");
    assertThat(blobless.resolve("dir/file2.txt")).hasContent("content 2");
    Path treeless = cloneOf(git, "shapes", "--filter=tree:0");
    assertThat(treeless.resolve("dir/file0.txt")).hasContent("content 0");
  }

  @Test
  void tagsBranchDeletionAndForcePushes() {
    createRepository("refs");
    Git git = Git.withCredentialHelper(scratch, admin);
    Path work = cloneOf(git, "refs");
    git.commitFile(work, "a.txt", "a\n", "a");
    git.ok(work, "push", "-q", "origin", "main");
    git.ok(work, "tag", "-a", "v1.0", "-m", "release");
    git.ok(work, "push", "-q", "-o", "ci.skip", "-o", "reviewers=ada", "origin", "v1.0", "main:refs/heads/topic");
    assertThat(git.ok(scratch, "ls-remote", url("refs"))).contains("refs/tags/v1.0").contains("refs/heads/topic");

    git.ok(work, "push", "-q", "origin", "--delete", "topic");
    assertThat(git.ok(scratch, "ls-remote", url("refs"))).doesNotContain("refs/heads/topic");

    git.ok(work, "commit", "-q", "--amend", "-m", "rewritten");
    Git.Result plain = git.run(work, "push", "origin", "main");
    assertThat(plain.exitCode()).isNotZero();
    git.ok(work, "push", "-q", "--force", "origin", "main");
    assertThat(git.ok(scratch, "ls-remote", url("refs"), "refs/heads/main")).startsWith(git.ok(work, "rev-parse", "HEAD").strip());

    Git.Result notes = git.run(work, "push", "origin", "HEAD:refs/notes/mine");
    assertThat(notes.exitCode()).isNotZero();
    assertThat(notes.stderr()).contains("only branches and tags can be pushed");
  }

  @Test
  void noCredentialsAskForThemAndWrongOnesAreForbidden() {
    createRepository("guarded");
    Git.Result anonymous = Git.anonymous(scratch).run(scratch, "ls-remote", url("guarded"));
    assertThat(anonymous.exitCode()).isNotZero();
    assertThat(anonymous.stderr()).contains("could not read Username");

    String withWrongPassword = url("guarded").replace("http://", "http://someone:wrong@");
    Git.Result wrong = Git.anonymous(scratch).run(scratch, "ls-remote", withWrongPassword);
    assertThat(wrong.stderr()).contains("403");

    AwsCli stranger = admin.as("AKIANOBODYKNOWSME000", "whatever-secret-000000000000000000000000", null);
    Git.Result unknownKey = Git.withCredentialHelper(scratch, stranger).run(scratch, "ls-remote", url("guarded"));
    assertThat(unknownKey.stderr()).contains("403");

    Git.Result missing = Git.withCredentialHelper(scratch, admin).run(scratch, "ls-remote", url("no-such-repository"));
    assertThat(missing.stderr()).contains("not found");
  }

  @Test
  void aBodyThatIsNotPacketLinesIsTheClientsProtocolErrorNotTheServers() throws Exception {
    createRepository("garbled");
    JsonNode credential = gitCredentialOfNewUser("garbler");
    String basic = "Basic " + java.util.Base64.getEncoder().encodeToString((credential.get("ServiceUserName").asText() + ":"
        + credential.get("ServicePassword").asText()).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    HttpClient http = HttpClient.newHttpClient();

    for (String[] call : new String[][] {
        {"git-upload-pack", "version=2", "zzzzgarbage"},
        {"git-upload-pack", "version=2", "0014command=ls-refs\n0001000csymrefs000bpeel0000"},
        {"git-upload-pack", "", "zzzzgarbage"},
        {"git-receive-pack", "", "zzzzgarbage"}}) {
      HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url("garbled") + "/" + call[0]))
          .header("Authorization", basic)
          .header("Content-Type", "application/x-" + call[0] + "-request")
          .POST(HttpRequest.BodyPublishers.ofString(call[2]));
      if (!call[1].isEmpty()) {
        request.header("Git-Protocol", call[1]);
      }
      HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());

      assertThat(response.statusCode()).as(String.join(" ", call)).isEqualTo(200);
      assertThat(response.body()).as(String.join(" ", call)).contains("ERR Invalid packet line header: ");
    }
  }

  @Test
  void gitCredentialsOfAnIamUserWork() {
    createRepository("with-git-credentials");
    JsonNode credential = gitCredentialOfNewUser("http-user");
    String user = credential.get("ServiceUserName").asText();
    String password = credential.get("ServicePassword").asText();
    assertThat(user).isEqualTo("http-user-at-" + TestServer.ACCOUNT_ID);

    String authenticated = url("with-git-credentials").replace("http://",
        "http://" + user + ":" + java.net.URLEncoder.encode(password, java.nio.charset.StandardCharsets.UTF_8) + "@");
    Git git = Git.anonymous(scratch);
    Path work = scratch.resolve("basic");
    git.ok(scratch, "clone", "-q", authenticated, work.toString());
    git.commitFile(work, "x.txt", "x\n", "via git credentials");
    git.ok(work, "push", "-q", "origin", "main");
    assertThat(git.ok(scratch, "ls-remote", authenticated)).contains("refs/heads/main");

    admin.run("iam", "update-service-specific-credential", "--user-name", "http-user",
        "--service-specific-credential-id", credential.get("ServiceSpecificCredentialId").asText(), "--status", "Inactive").json();
    assertThat(git.run(scratch, "ls-remote", authenticated).stderr()).contains("403");
  }

  @Test
  void aPolicyOnCodecommitReferencesRejectsMainAndAcceptsFeatureBranches() {
    createRepository("protected");
    Git rootGit = Git.withCredentialHelper(scratch, admin);
    Path seed = cloneOf(rootGit, "protected");
    rootGit.commitFile(seed, "a.txt", "a\n", "seed");
    rootGit.ok(seed, "push", "-q", "origin", "main");

    admin.run("iam", "create-user", "--user-name", "pusher").json();
    admin.run("iam", "put-user-policy", "--user-name", "pusher", "--policy-name", "no-main", "--policy-document", """
        {"Version": "2012-10-17", "Statement": [
          {"Effect": "Allow", "Action": "codecommit:*", "Resource": "*"},
          {"Sid": "DenyMain", "Effect": "Deny", "Action": ["codecommit:GitPush", "codecommit:PutFile", "codecommit:DeleteBranch"],
           "Resource": "*", "Condition": {"StringEqualsIfExists": {"codecommit:References": ["refs/heads/main"]},
                                          "Null": {"codecommit:References": "false"}}}]}""").json();
    JsonNode key = admin.run("iam", "create-access-key", "--user-name", "pusher").json().get("AccessKey");
    Git git = Git.withCredentialHelper(scratch, admin.as(key.get("AccessKeyId").asText(), key.get("SecretAccessKey").asText(), null));

    Path work = cloneOf(git, "protected");
    String before = git.ok(scratch, "ls-remote", url("protected"), "refs/heads/main");
    git.commitFile(work, "b.txt", "b\n", "change");
    Git.Result toMain = git.run(work, "push", "origin", "main");
    assertThat(toMain.exitCode()).isNotZero();
    assertThat(toMain.stderr()).contains("! [remote rejected] main -> main").contains("codecommit:GitPush");
    assertThat(git.ok(scratch, "ls-remote", url("protected"), "refs/heads/main")).isEqualTo(before);

    git.ok(work, "push", "-q", "origin", "main:refs/heads/feature/change");
    assertThat(git.ok(scratch, "ls-remote", url("protected"))).contains("refs/heads/feature/change");

    // Atomic: one denied ref means none is updated.
    git.commitFile(work, "c.txt", "c\n", "another");
    Git.Result atomic = git.run(work, "push", "--atomic", "origin", "HEAD:refs/heads/feature/atomic", "HEAD:refs/heads/main");
    assertThat(atomic.exitCode()).isNotZero();
    assertThat(git.ok(scratch, "ls-remote", url("protected"))).doesNotContain("refs/heads/feature/atomic");
    assertThat(git.ok(scratch, "ls-remote", url("protected"), "refs/heads/main")).isEqualTo(before);
  }

  @Test
  void twoConcurrentPushesToOneBranchHaveExactlyOneWinner() throws Exception {
    createRepository("race");
    Git git = Git.withCredentialHelper(scratch, admin);
    Path seed = cloneOf(git, "race");
    git.commitFile(seed, "base.txt", "base\n", "base");
    git.ok(seed, "push", "-q", "origin", "main");
    for (int round = 0; round < 3; round++) {
      Path left = cloneOf(git, "race");
      Path right = cloneOf(git, "race");
      git.commitFile(left, "left.txt", "left " + round + "\n", "left");
      git.commitFile(right, "right.txt", "right " + round + "\n", "right");
      CompletableFuture<Git.Result> a = CompletableFuture.supplyAsync(() -> git.run(left, "push", "origin", "main"));
      CompletableFuture<Git.Result> b = CompletableFuture.supplyAsync(() -> git.run(right, "push", "origin", "main"));
      List<Git.Result> results = List.of(a.get(), b.get());
      assertThat(results.stream().filter(r -> r.exitCode() == 0)).hasSize(1);
      Git.Result loser = results.stream().filter(r -> r.exitCode() != 0).findFirst().orElseThrow();
      assertThat(loser.stderr()).containsAnyOf("[remote rejected]", "[rejected]", "failed to push");
      assertThat(loser.stderr()).doesNotContain("500");
    }
  }
}
