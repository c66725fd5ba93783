package io.commitd.server.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.commitd.server.testing.AwsCli;
import io.commitd.server.testing.Git;
import io.commitd.server.testing.TestServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import software.amazon.awssdk.services.iam.IamClient;

/**
 * The console in a real headless Chromium: IAM users sign in with their console passwords, and
 * everything they do is an API call as themselves — create a repository, read what git pushed,
 * open a pull request from a comparison, comment on a line, approve, merge by three-way; a
 * read-only user is shown no merge button and is refused when forcing one; user content renders
 * as text. Screenshots of the main pages go to {@code docs/console/}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleIT {
  static final String XSS = "<img src=x onerror=alert(1)>";
  static final String PASSWORD = "Console-passw0rd!";
  static final String FULL = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"codecommit:*\",\"Resource\":\"*\"}]}";
  static final String READ_ONLY = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":[\"codecommit:Get*\","
      + "\"codecommit:List*\",\"codecommit:Describe*\",\"codecommit:BatchGet*\",\"codecommit:Evaluate*\",\"codecommit:GitPull\"],\"Resource\":\"*\"}]}";

  static TestServer server;
  static AwsCli aws;
  static WebDriver browser;
  static String base;
  static String pullRequestId;
  static String secondPullRequestId;

  @TempDir static Path scratch;

  @BeforeAll
  static void start() {
    Assumptions.assumeFalse("postgresql".equalsIgnoreCase(System.getProperty("commitd.test.db")),
        "the console's browser tests run once, on the embedded database");
    server = TestServer.start();
    aws = server.rootCli();
    base = server.endpoint() + "/console";
    IamClient iam = server.rootSdk().iam();
    for (var user : Map.of("alice", FULL, "bob", FULL, "reader", READ_ONLY).entrySet()) {
      iam.createUser(r -> r.userName(user.getKey()));
      iam.putUserPolicy(r -> r.userName(user.getKey()).policyName("console").policyDocument(user.getValue()));
      iam.createLoginProfile(r -> r.userName(user.getKey()).password(PASSWORD).passwordResetRequired(false));
    }
    System.setProperty("webdriver.chrome.driver", "/usr/bin/chromedriver");
    ChromeOptions options = new ChromeOptions();
    options.setBinary("/usr/bin/chromium");
    options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,1000");
    browser = new ChromeDriver(options);
    browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
  }

  @org.junit.jupiter.api.BeforeEach
  void signedOut() {
    if (browser != null) {
      browser.get(base + "/sign-in");
      browser.manage().deleteAllCookies();
    }
  }

  @AfterAll
  static void stop() {
    if (browser != null) {
      browser.quit();
    }
    if (server != null) {
      server.close();
    }
  }

  @Test
  @Order(1)
  void loginProfilesAreIamsAndAWrongPasswordIsRefused() {
    assertThat(aws.run("iam", "get-login-profile", "--user-name", "alice").json().path("LoginProfile").path("UserName").asText())
        .isEqualTo("alice");
    assertThat(aws.run("iam", "create-login-profile", "--user-name", "alice", "--password", "short").errorCode())
        .isEqualTo("EntityAlreadyExists");
    aws.run("iam", "create-user", "--user-name", "carol");
    assertThat(aws.run("iam", "create-login-profile", "--user-name", "carol", "--password", "short").errorCode())
        .isEqualTo("PasswordPolicyViolation");
    browser.get(base + "/repositories");
    assertThat(browser.getCurrentUrl()).contains("/console/sign-in");
    signIn("alice", "not the password");
    assertThat(el(By.id("sign-in-error")).getText()).contains("not correct");
  }

  @Test
  @Order(2)
  void aUserCreatesARepositorySeesPushedCodeAndOpensAPullRequestFromAComparison() throws IOException {
    browser.get(base + "/repositories");
    signIn("alice", PASSWORD);
    // The deep link followed while signed out comes back after sign-in.
    assertThat(browser.getCurrentUrl()).isEqualTo(base + "/repositories");
    el(By.id("new-repository-name")).sendKeys("demo");
    el(By.id("new-repository-description")).sendKeys("The console's demo & more");
    el(By.id("create-repository")).click();
    waitForUrl(base + "/repositories/demo");
    assertThat(browser.getCurrentUrl()).isEqualTo(base + "/repositories/demo");
    assertThat(el(By.id("repository-description")).getText()).isEqualTo("The console's demo & more");
    assertThat(el(By.id("clone-https")).getAttribute("value")).endsWith("/v1/repos/demo");

    pushHistory();
    browser.get(base + "/repositories/demo");
    screenshot("repository");
    browser.get(base + "/repositories/demo/browse/main");
    List<String> names = browser.findElements(By.cssSelector("#folder td a")).stream().map(WebElement::getText).toList();
    assertThat(names).contains("src", "README.md", XSS);
    noScriptRan();
    el(By.linkText(XSS)).click();
    noScriptRan();
    browser.get(base + "/repositories/demo/browse/main/src/App.java#L3");
    assertThat(el(By.id("L3")).getText()).contains("System.out.println");
    assertThat(browser.findElements(By.cssSelector("#source span.k"))).isNotEmpty();
    screenshot("file");

    browser.get(base + "/repositories/demo/branches");
    el(By.id("compare-destination")).sendKeys("main");
    el(By.id("compare-source")).sendKeys("feature");
    el(By.id("compare")).click();
    el(By.cssSelector(".file-diff"));
    assertThat(browser.findElements(By.cssSelector(".file-diff"))).hasSize(1);
    el(By.id("pr-title")).sendKeys("Greet the world");
    el(By.id("pr-description")).sendKeys("Says hello to everyone.");
    screenshot("compare");
    el(By.id("create-pull-request")).click();
    new WebDriverWait(browser, Duration.ofSeconds(15)).until(ExpectedConditions.urlMatches(".*/pull-requests/\\d+$"));
    assertThat(browser.getCurrentUrl()).matches(".*/console/repositories/demo/pull-requests/\\d+");
    pullRequestId = browser.getCurrentUrl().replaceAll(".*/", "");
    assertThat(el(By.id("pr-title")).getText()).startsWith("Greet the world");

    // A comment on an added line of the diff, named like markup.
    el(By.cssSelector("tr.add a.comment-line")).click();
    el(By.id("line-comment")).sendKeys(XSS);
    el(By.id("post-line-comment")).click();
    WebElement comment = el(By.cssSelector("tr.under .comment .content"));
    assertThat(comment.getText()).isEqualTo(XSS);
    noScriptRan();
    assertThat(server.rootSdk().codeCommit().getCommentsForPullRequest(r -> r.pullRequestId(pullRequestId)).commentsForPullRequestData()
        .get(0).location().filePath()).isEqualTo("src/App.java");
    signOut();
  }

  @Test
  @Order(3)
  void aSecondUserApprovesAndMergesByThreeWay() throws IOException {
    String url = base + "/repositories/demo/pull-requests/" + pullRequestId;
    browser.get(url);
    signIn("bob", PASSWORD);
    assertThat(browser.getCurrentUrl()).isEqualTo(url);
    el(By.id("approve")).click();
    assertThat(el(By.cssSelector("#approvals li.approval")).getText()).contains("user/bob");
    assertThat(browser.findElements(By.id("revoke"))).hasSize(1);
    screenshot("pull-request");
    new Select(el(By.id("merge-strategy"))).selectByValue("three-way");
    el(By.id("merge-message")).sendKeys("Merge the greeting from the console");
    el(By.id("merge-button")).click();
    // The page being left has a status too ("Open"): wait for the answer's, found afresh each time.
    new WebDriverWait(browser, Duration.ofSeconds(15)).until(ExpectedConditions.textToBe(By.id("pr-status"), "Merged"));

    browser.get(base + "/repositories/demo/commits");
    List<String> subjects = browser.findElements(By.cssSelector("#commits td.subject")).stream().map(WebElement::getText).toList();
    assertThat(subjects.get(0)).isEqualTo("Merge the greeting from the console");
    assertThat(subjects).contains("Greet the world", "Add a file named like markup");
    screenshot("commits");
    el(By.cssSelector("#commits td.mono a")).click();
    assertThat(el(By.id("commit-message")).getText()).isEqualTo("Merge the greeting from the console");
    signOut();
  }

  @Test
  @Order(4)
  void aReadOnlyUserSeesNoMergeButtonAndIsDeniedWhenForcingOne() {
    secondPullRequestId = server.rootSdk().codeCommit().createPullRequest(r -> r.title("Second").targets(software.amazon.awssdk.services.codecommit.model.Target.builder()
        .repositoryName("demo").sourceReference("feature-two").destinationReference("main").build())).pullRequest().pullRequestId();
    String url = base + "/repositories/demo/pull-requests/" + secondPullRequestId;
    browser.get(url);
    signIn("reader", PASSWORD);
    assertThat(el(By.id("pr-title")).getText()).startsWith("Second");
    assertThat(browser.findElements(By.id("merge-button"))).isEmpty();
    assertThat(browser.findElements(By.id("approve"))).isEmpty();
    String csrf = el(By.cssSelector("input[name=csrf]")).getAttribute("value");
    String sourceCommit = server.rootSdk().codeCommit().getBranch(r -> r.repositoryName("demo").branchName("feature-two")).branch().commitId();
    Object answer = ((JavascriptExecutor) browser).executeAsyncScript(
        "const done = arguments[arguments.length - 1];"
            + "fetch(arguments[0], {method: 'POST', credentials: 'same-origin', body: new URLSearchParams({csrf: arguments[1],"
            + " action: 'merge', strategy: 'three-way', sourceCommitId: arguments[2]})})"
            + ".then(r => r.text().then(t => done(r.status + ' ' + t)), e => done('failed ' + e));",
        url, csrf, sourceCommit);
    assertThat(String.valueOf(answer)).startsWith("403 ")
        .contains("is not authorized to perform: codecommit:MergePullRequestByThreeWay");
    // Without the token, the same request is refused before any call.
    Object noToken = ((JavascriptExecutor) browser).executeAsyncScript(
        "const done = arguments[arguments.length - 1];"
            + "fetch(arguments[0], {method: 'POST', credentials: 'same-origin', body: new URLSearchParams({action: 'merge'})})"
            + ".then(r => done(r.status), e => done('failed ' + e));", url);
    assertThat(String.valueOf(noToken)).isEqualTo("403");
    assertThat(server.rootSdk().codeCommit().getPullRequest(r -> r.pullRequestId(secondPullRequestId)).pullRequest()
        .pullRequestTargets().get(0).mergeMetadata().isMerged()).isFalse();
    signOut();
    browser.get(url);
    assertThat(browser.getCurrentUrl()).contains("/console/sign-in");
  }

  /** main with a README, a Java file and a file named like markup; feature changes the Java file; main moves on. */
  private static void pushHistory() {
    Git git = Git.withCredentialHelper(scratch, aws);
    Path work = scratch.resolve("demo");
    git.ok(scratch, "clone", "-q", server.endpoint() + "/v1/repos/demo", work.toString());
    git.commitFile(work, "README.md", "# demo\n", "Start");
    git.commitFile(work, "src/App.java", "class App {\n  public static void main(String[] args) {\n    System.out.println(\"hi\");\n  }\n}\n",
        "Add the app");
    git.ok(work, "push", "-q", "origin", "HEAD:refs/heads/main");
    git.ok(work, "checkout", "-q", "-b", "feature");
    git.commitFile(work, "src/App.java", "class App {\n  public static void main(String[] args) {\n    System.out.println(\"hello, world\");\n  }\n}\n",
        "Greet the world");
    git.ok(work, "push", "-q", "origin", "feature");
    git.ok(work, "checkout", "-q", "main");
    git.ok(work, "checkout", "-q", "-b", "feature-two");
    git.commitFile(work, "NOTES.md", "notes\n", "Add notes");
    git.ok(work, "push", "-q", "origin", "feature-two");
    git.ok(work, "checkout", "-q", "main");
    git.commitFile(work, XSS, "markup is text\n", "Add a file named like markup");
    git.ok(work, "push", "-q", "origin", "main");
  }

  /** The element, or a failure that shows what the page said instead. */
  private static void waitForUrl(String url) {
    new WebDriverWait(browser, Duration.ofSeconds(15)).until(ExpectedConditions.urlToBe(url));
  }

  /** The element, waiting for it while a form's answer is still loading. */
  private static WebElement el(By by) {
    try {
      return new WebDriverWait(browser, Duration.ofSeconds(15)).until(ExpectedConditions.presenceOfElementLocated(by));
    } catch (org.openqa.selenium.TimeoutException e) {
      throw new AssertionError("no " + by + " on " + browser.getCurrentUrl() + ":\n" + browser.findElement(By.tagName("body")).getText(), e);
    }
  }

  private static void signIn(String user, String password) {
    assertThat(browser.getCurrentUrl()).contains("/console/sign-in");
    el(By.id("userName")).sendKeys(user);
    el(By.id("password")).sendKeys(password);
    el(By.id("sign-in")).click();
    // The answer is either the page asked for or the sign-in form again, with its error.
    new WebDriverWait(browser, Duration.ofSeconds(15)).until(ExpectedConditions.or(
        ExpectedConditions.not(ExpectedConditions.urlContains("/console/sign-in")),
        ExpectedConditions.presenceOfElementLocated(By.id("sign-in-error"))));
  }

  private static void signOut() {
    el(By.id("sign-out")).click();
    new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.urlContains("/console/sign-in"));
  }

  /** No alert opened and no image element was made from user content. */
  private static void noScriptRan() {
    assertThatThrownBy(() -> browser.switchTo().alert()).isInstanceOf(NoAlertPresentException.class);
    assertThat(browser.findElements(By.cssSelector("img"))).isEmpty();
  }

  private static void screenshot(String name) throws IOException {
    Path docs = Files.isDirectory(Path.of("..", "docs")) ? Path.of("..", "docs", "console") : Path.of("docs", "console");
    Files.createDirectories(docs);
    Path shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath();
    Files.copy(shot, docs.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
  }
}
