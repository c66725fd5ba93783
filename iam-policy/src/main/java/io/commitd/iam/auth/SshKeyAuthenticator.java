package io.commitd.iam.auth;

import java.security.PublicKey;
import java.util.Optional;

/**
 * Authenticates Git over SSH: the SSH user name is the IAM SSH public key id ({@code APKA…}) or
 * the IAM user name, and the key must be one of that user's active uploaded SSH public keys.
 */
@FunctionalInterface
public interface SshKeyAuthenticator {
  Optional<Caller> authenticate(String sshUserName, PublicKey key);
}
