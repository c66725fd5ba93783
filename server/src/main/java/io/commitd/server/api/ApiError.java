package io.commitd.server.api;

/** An error answer: the HTTP status, the AWS error code and its message. */
public record ApiError(int status, String code, String message) {}
