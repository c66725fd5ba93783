package io.commitd.iam.auth;

import java.time.Instant;

/**
 * What an access key id stands for: the secret to verify its signatures, the session token
 * temporary credentials must present, and who signs with it.
 *
 * @param sessionToken null for long-term keys
 * @param expiration null for long-term keys
 */
public record ResolvedCredentials(String secretAccessKey, String sessionToken, Instant expiration, Caller caller) {}
