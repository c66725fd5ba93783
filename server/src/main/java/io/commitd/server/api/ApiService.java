package io.commitd.server.api;

/**
 * An AWS service served at {@code POST /}: its prefix in IAM actions ({@code codecommit},
 * {@code iam}, {@code sts}) and its operations.
 */
public record ApiService<R>(String prefix, OperationRegistry<R> operations) {}
