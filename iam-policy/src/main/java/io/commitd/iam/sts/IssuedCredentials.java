package io.commitd.iam.sts;

import java.time.Instant;

/**
 * Temporary credentials as STS returns them.
 *
 * @param assumedRoleId {@code AROA…:session} for AssumeRole, null for GetSessionToken
 * @param arn the assumed-role session's ARN, null for GetSessionToken
 */
public record IssuedCredentials(
    String accessKeyId, String secretAccessKey, String sessionToken, Instant expiration, String assumedRoleId, String arn) {}
