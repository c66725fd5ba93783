package io.commitd.iam.auth;

import io.commitd.iam.identity.CredentialStore;
import io.commitd.iam.identity.Entities.SshKey;
import io.commitd.iam.identity.Entities.User;
import io.commitd.iam.identity.IdentityStore;
import io.commitd.iam.identity.SshPublicKeys;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * SSH public-key authentication against IAM's uploaded keys. The SSH user is the key's id
 * ({@code APKA…}), as CodeCommit has it; an IAM user name is accepted too (in any account,
 * when unambiguous). Keys are compared by their SSH wire encoding.
 */
public final class StoredSshKeys implements SshKeyAuthenticator {
  private final CredentialStore credentials;
  private final IdentityStore identities;

  public StoredSshKeys(CredentialStore credentials, IdentityStore identities) {
    this.credentials = credentials;
    this.identities = identities;
  }

  @Override
  public Optional<Caller> authenticate(String sshUserName, byte[] keyBlob) {
    List<SshKey> candidates;
    if (sshUserName.startsWith("APKA")) {
      candidates = credentials.findSshKey(sshUserName).stream().toList();
    } else {
      candidates = identities.usersNamed(sshUserName).stream().flatMap(u -> credentials.sshKeysOf(u.userId()).stream()).toList();
    }
    for (SshKey candidate : candidates) {
      if (CredentialStore.ACTIVE.equals(candidate.status())
          && SshPublicKeys.blob(candidate.body()).map(b -> Arrays.equals(b, keyBlob)).orElse(false)) {
        Optional<User> user = identities.findUserById(candidate.userId());
        if (user.isPresent()) {
          User u = user.get();
          return Optional.of(new Caller(u.accountId(), u.arn(), u.userId(), u.userName(), PrincipalType.USER, null, null, null));
        }
      }
    }
    return Optional.empty();
  }
}
