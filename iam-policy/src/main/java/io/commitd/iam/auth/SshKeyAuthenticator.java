package io.commitd.iam.auth;

import java.util.Optional;

/**
 * Authenticates Git over SSH: the SSH user name is the IAM SSH public key id ({@code APKA…}) or
 * the IAM user name, and the key must be one of that user's active uploaded SSH public keys.
 */
@FunctionalInterface
public interface SshKeyAuthenticator {
  /**
   * @param keyBlob the offered public key in SSH wire encoding (the base64-decoded middle field of
   *     an OpenSSH public key line)
   */
  Optional<Caller> authenticate(String sshUserName, byte[] keyBlob);
}
