package io.commitd.server.organizations;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.commitd.iam.identity.OrganizationAccounts;
import io.commitd.server.api.Json;
import io.commitd.server.api.OperationRegistry;
import io.commitd.server.codecommit.Input;
import io.commitd.server.codecommit.Operation;
import io.commitd.server.codecommit.OperationRequest;
import io.commitd.storage.errors.AwsException;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * AWS Organizations' account operations for the management account (the configured default
 * account): {@code CreateAccount} makes a new account at once (state {@code SUCCEEDED}) with its
 * own root access key, written to {@code <data dir>/accounts/<id>/root-credentials} (mode 0600);
 * {@code DescribeCreateAccountStatus}, {@code ListAccounts} and {@code DescribeAccount} read them.
 */
public final class OrganizationsOperations {
  /** {@code X-Amz-Target}'s prefix for Organizations. */
  public static final String TARGET_PREFIX = "AWSOrganizationsV20161128";
  /** Where each created account's root credentials are handed over. */
  public static final String CREDENTIALS_FILE = "root-credentials";
  private static final Logger LOG = LoggerFactory.getLogger(OrganizationsOperations.class);
  private static final Pattern EMAIL = Pattern.compile("[^\\s@]+@[^\\s@]+\\.[^\\s@]+");
  private static final int MAX_RESULTS = 20;

  private final OrganizationAccounts accounts;
  private final String managementAccountId;
  private final Path dataDir;
  private final String organizationId;

  public OrganizationsOperations(OrganizationAccounts accounts, String managementAccountId, Path dataDir) {
    this.accounts = accounts;
    this.managementAccountId = managementAccountId;
    this.dataDir = dataDir;
    this.organizationId = organizationId(managementAccountId);
  }

  /** The file a created account's root credentials are written to. */
  public static Path credentialsFile(Path dataDir, String accountId) {
    return dataDir.resolve("accounts").resolve(accountId).resolve(CREDENTIALS_FILE);
  }

  public OperationRegistry<OperationRequest> registry() {
    return new OperationRegistry<OperationRequest>()
        .add("CreateAccount", Operation.on(request -> "*", this::createAccount))
        .add("DescribeCreateAccountStatus", Operation.on(request -> "*", this::describeCreateAccountStatus))
        .add("ListAccounts", Operation.on(request -> "*", this::listAccounts))
        .add("DescribeAccount", Operation.on(request -> "*", this::describeAccount));
  }

  ObjectNode createAccount(OperationRequest request) throws IOException {
    requireManagement(request);
    Input input = request.input();
    String name = input.string("AccountName");
    String email = input.string("Email");
    if (name == null || name.isBlank() || name.length() > 50) {
      throw invalid("AccountName must be 1 to 50 characters.");
    }
    if (email == null || email.length() < 6 || email.length() > 64 || !EMAIL.matcher(email).matches()) {
      throw invalid("Email must be a valid email address of 6 to 64 characters.");
    }
    OrganizationAccounts.Created created = accounts.create(name, email, request.now());
    Path file = credentialsFile(dataDir, created.member().accountId());
    Files.createDirectories(file.getParent(), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    Files.writeString(file, "# Root credentials of account " + created.member().accountId() + " (" + name + "), created by "
        + request.caller().principalArn() + ".\n[default]\naws_access_key_id = " + created.rootKey().key().accessKeyId()
        + "\naws_secret_access_key = " + created.rootKey().secret() + "\n", StandardCharsets.UTF_8);
    LOG.info("account {} ({}) created by {}; its root credentials are in {}", created.member().accountId(), name,
        request.caller().principalArn(), file.toAbsolutePath());
    ObjectNode output = Json.MAPPER.createObjectNode();
    output.set("CreateAccountStatus", status(created.member()));
    return output;
  }

  ObjectNode describeCreateAccountStatus(OperationRequest request) {
    requireManagement(request);
    String id = request.input().string("CreateAccountRequestId");
    if (id == null || !id.matches("car-[a-z0-9]{8,32}")) {
      throw invalid("CreateAccountRequestId must be car- followed by 8 to 32 lower-case letters or digits.");
    }
    OrganizationAccounts.Member member = accounts.byRequestId(id).orElseThrow(() -> new AwsException(
        "CreateAccountStatusNotFoundException", 400, "We can't find a create account request with the CreateAccountRequestId that you specified."));
    ObjectNode output = Json.MAPPER.createObjectNode();
    output.set("CreateAccountStatus", status(member));
    return output;
  }

  ObjectNode listAccounts(OperationRequest request) {
    requireManagement(request);
    Integer max = request.input().integer("MaxResults");
    if (max != null && (max < 1 || max > MAX_RESULTS)) {
      throw invalid("MaxResults must be between 1 and " + MAX_RESULTS + ".");
    }
    int limit = max == null ? MAX_RESULTS : max;
    int offset = 0;
    String token = request.input().string("NextToken");
    if (token != null) {
      try {
        offset = Integer.parseInt(new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8));
      } catch (IllegalArgumentException e) {
        throw invalid("The NextToken is not valid.");
      }
    }
    List<ObjectNode> all = new ArrayList<>();
    all.add(account(managementAccountId, "management", "management@" + managementAccountId + ".commitd.invalid", "INVITED",
        Instant.EPOCH));
    for (OrganizationAccounts.Member member : accounts.list()) {
      all.add(account(member));
    }
    ObjectNode output = Json.MAPPER.createObjectNode();
    ArrayNode list = output.putArray("Accounts");
    for (int i = offset; i < all.size() && i < offset + limit; i++) {
      list.add(all.get(i));
    }
    if (offset + limit < all.size()) {
      output.put("NextToken", Base64.getUrlEncoder().withoutPadding()
          .encodeToString(String.valueOf(offset + limit).getBytes(StandardCharsets.UTF_8)));
    }
    return output;
  }

  ObjectNode describeAccount(OperationRequest request) {
    requireManagement(request);
    String id = request.input().string("AccountId");
    if (id == null || !id.matches("\\d{12}")) {
      throw invalid("AccountId must be 12 digits.");
    }
    ObjectNode output = Json.MAPPER.createObjectNode();
    if (id.equals(managementAccountId)) {
      output.set("Account", account(managementAccountId, "management", "management@" + managementAccountId + ".commitd.invalid",
          "INVITED", Instant.EPOCH));
      return output;
    }
    OrganizationAccounts.Member member = accounts.byAccountId(id).orElseThrow(() -> new AwsException(
        "AccountNotFoundException", 400, "You specified an account that doesn't exist."));
    output.set("Account", account(member));
    return output;
  }

  private void requireManagement(OperationRequest request) {
    if (!request.accountId().equals(managementAccountId)) {
      throw new AwsException("AWSOrganizationsNotInUseException", 400,
          "Your account is not a member of an organization.");
    }
  }

  private ObjectNode status(OrganizationAccounts.Member member) {
    ObjectNode status = Json.MAPPER.createObjectNode();
    status.put("Id", member.requestId());
    status.put("AccountName", member.name());
    status.put("State", "SUCCEEDED");
    status.put("RequestedTimestamp", seconds(member.createdAt()));
    status.put("CompletedTimestamp", seconds(member.createdAt()));
    status.put("AccountId", member.accountId());
    return status;
  }

  private ObjectNode account(OrganizationAccounts.Member member) {
    return account(member.accountId(), member.name(), member.email(), "CREATED", member.createdAt());
  }

  private ObjectNode account(String id, String name, String email, String joinedMethod, Instant joined) {
    ObjectNode account = Json.MAPPER.createObjectNode();
    account.put("Id", id);
    account.put("Arn", "arn:aws:organizations::" + managementAccountId + ":account/" + organizationId + "/" + id);
    account.put("Email", email);
    account.put("Name", name);
    account.put("Status", "ACTIVE");
    account.put("State", "ACTIVE");
    account.put("JoinedMethod", joinedMethod);
    account.put("JoinedTimestamp", seconds(joined));
    return account;
  }

  private static BigDecimal seconds(Instant instant) {
    return BigDecimal.valueOf(instant.toEpochMilli()).movePointLeft(3);
  }

  private static AwsException invalid(String message) {
    return new AwsException("InvalidInputException", 400, message);
  }

  /** The organization's id, {@code o-} and ten characters derived from the management account. */
  static String organizationId(String managementAccountId) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(managementAccountId.getBytes(StandardCharsets.UTF_8));
      StringBuilder id = new StringBuilder("o-");
      for (int i = 0; i < 10; i++) {
        id.append(Character.forDigit(Math.floorMod(digest[i], 36), 36));
      }
      return id.toString();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is always available", e);
    }
  }
}
