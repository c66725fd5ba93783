package io.commitd.iam.auth;

import java.time.Instant;

/**
 * What the transport knows about a request that conditions may test: where it came from, over
 * what, with which client, and when it arrived.
 */
public record RequestFacts(String sourceIp, boolean secureTransport, String userAgent, Instant receivedAt) {}
