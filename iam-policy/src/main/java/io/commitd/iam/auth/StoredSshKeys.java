package io.commitd.iam.auth;

import io.commitd.iam.identity.CredentialStore;
import io.commitd.iam.identity.Entities.SshKey;
import io.commitd.iam.identity.Entities.User;
import io.commitd.iam.identity.IamGeneration;
import io.commitd.iam.identity.IdentityStore;
import io.commitd.iam.identity.SshPublicKeys;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * SSH public-key authentication against IAM's uploaded keys. The SSH user is the key's id
 * ({@code APKA…}), as CodeCommit has it; an IAM user name is accepted too (in any account,
 * when unambiguous). Keys are compared by their SSH wire encoding. With an {@link IamGeneration},
 * the candidate keys of an SSH user name are cached while no IAM write happened.
 */
public final class StoredSshKeys implements SshKeyAuthenticator {
  private final CredentialStore credentials;
  private final IdentityStore identities;
  private final GenerationCache<String, List<Candidate>> cache;

  /** An active key and whose it is. */
  private record Candidate(byte[] blob, Caller caller) {}

  public StoredSshKeys(CredentialStore credentials, IdentityStore identities) {
    this(credentials, identities, null);
  }

  public StoredSshKeys(CredentialStore credentials, IdentityStore identities, IamGeneration generation) {
    this.credentials = credentials;
    this.identities = identities;
    this.cache = generation == null ? GenerationCache.disabled() : new GenerationCache<>(generation);
  }

  @Override
  public Optional<Caller> authenticate(String sshUserName, byte[] keyBlob) {
    for (Candidate candidate : cache.get(sshUserName, this::candidates)) {
      if (Arrays.equals(candidate.blob(), keyBlob)) {
        return Optional.of(candidate.caller());
      }
    }
    return Optional.empty();
  }

  private List<Candidate> candidates(String sshUserName) {
    List<SshKey> keys;
    if (sshUserName.startsWith("APKA")) {
      keys = credentials.findSshKey(sshUserName).stream().toList();
    } else {
      keys = identities.usersNamed(sshUserName).stream().flatMap(u -> credentials.sshKeysOf(u.userId()).stream()).toList();
    }
    List<Candidate> candidates = new ArrayList<>();
    for (SshKey key : keys) {
      Optional<byte[]> blob = SshPublicKeys.blob(key.body());
      if (CredentialStore.ACTIVE.equals(key.status()) && blob.isPresent()) {
        Optional<User> user = identities.findUserById(key.userId());
        if (user.isPresent()) {
          User u = user.get();
          candidates.add(new Candidate(blob.get(),
              new Caller(u.accountId(), u.arn(), u.userId(), u.userName(), PrincipalType.USER, null, null, null)));
        }
      }
    }
    return List.copyOf(candidates);
  }
}
