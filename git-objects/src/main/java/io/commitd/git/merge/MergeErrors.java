package io.commitd.git.merge;

import io.commitd.storage.errors.AwsException;

/**
 * The client mistakes of CodeCommit's merge operations, with the exception names botocore knows.
 * The messages follow the model's documentation of each exception, so a client that shows the
 * message to a person reads what the real service would have said.
 */
final class MergeErrors {
  private MergeErrors() {}

  static AwsException manualMergeRequired() {
    return AwsException.badRequest(
        "ManualMergeRequiredException",
        "The pull request cannot be merged automatically into the destination branch."
            + " You must manually merge the branches and resolve any conflicts.");
  }

  static AwsException invalidConflictResolution(String detail) {
    return AwsException.badRequest(
        "InvalidConflictResolutionException",
        "The specified conflict resolution list is not valid. " + detail);
  }

  static AwsException multipleConflictResolutionEntries(String path) {
    return AwsException.badRequest(
        "MultipleConflictResolutionEntriesException",
        "More than one conflict resolution entries exists for the conflict. A conflict can have"
            + " only one conflict resolution entry. Path: "
            + path);
  }

  static AwsException maximumConflictResolutionEntriesExceeded(int maximum) {
    return AwsException.badRequest(
        "MaximumConflictResolutionEntriesExceededException",
        "The number of allowed conflict resolution entries was exceeded. The maximum is "
            + maximum
            + ".");
  }

  static AwsException replacementTypeRequired() {
    return AwsException.badRequest(
        "ReplacementTypeRequiredException", "A replacement type is required.");
  }

  static AwsException invalidReplacementType(String value) {
    return AwsException.badRequest(
        "InvalidReplacementTypeException",
        "Automerge was specified for resolving the conflict, but the specified replacement type"
            + " is not valid: "
            + value);
  }

  static AwsException replacementContentRequired() {
    return AwsException.badRequest(
        "ReplacementContentRequiredException",
        "USE_NEW_CONTENT was specified, but no replacement content has been provided.");
  }

  static AwsException invalidReplacementContent() {
    return AwsException.badRequest(
        "InvalidReplacementContentException",
        "Automerge was specified for resolving the conflict, but the replacement type is not"
            + " valid or content is missing.");
  }

  static AwsException fileModeRequired() {
    return AwsException.badRequest(
        "FileModeRequiredException",
        "The commit cannot be created because no file mode has been specified. A file mode is"
            + " required to update mode permissions for a file.");
  }

  static AwsException invalidFileMode(String value) {
    return AwsException.badRequest(
        "InvalidFileModeException",
        "The specified file mode permission is not valid: "
            + value
            + ". Valid values are EXECUTABLE, NORMAL and SYMLINK.");
  }

  static AwsException pathRequired() {
    return AwsException.badRequest(
        "PathRequiredException", "The folderPath for a location cannot be null.");
  }

  static AwsException invalidPath(String path) {
    return AwsException.badRequest(
        "InvalidPathException", "The specified path is not valid: " + path);
  }

  static AwsException fileContentSizeLimitExceeded(int limit) {
    return AwsException.badRequest(
        "FileContentSizeLimitExceededException",
        "The file cannot be added because it is too large. The maximum file size is "
            + limit
            + " bytes.");
  }

  static AwsException maximumFileContentToLoadExceeded() {
    return AwsException.badRequest(
        "MaximumFileContentToLoadExceededException",
        "The number of files to load exceeds the allowed limit.");
  }

  static AwsException invalidConflictDetailLevel(String value) {
    return AwsException.badRequest(
        "InvalidConflictDetailLevelException",
        "The specified conflict detail level is not valid: " + value);
  }

  static AwsException invalidConflictResolutionStrategy(String value) {
    return AwsException.badRequest(
        "InvalidConflictResolutionStrategyException",
        "The specified conflict resolution strategy is not valid: " + value);
  }

  static AwsException mergeOptionRequired() {
    return AwsException.badRequest(
        "MergeOptionRequiredException",
        "A merge option or stategy is required, and none was provided.");
  }

  static AwsException invalidMergeOption(String value) {
    return AwsException.badRequest(
        "InvalidMergeOptionException",
        "The specified merge option is not valid for this operation. Not all merge strategies"
            + " are supported for all operations: "
            + value);
  }

  static AwsException invalidContinuationToken() {
    return AwsException.badRequest(
        "InvalidContinuationTokenException", "The specified continuation token is not valid.");
  }

  static AwsException invalidMaxConflictFiles() {
    return AwsException.badRequest(
        "InvalidMaxConflictFilesException",
        "The specified value for the number of conflict files to return is not valid.");
  }

  static AwsException invalidMaxMergeHunks() {
    return AwsException.badRequest(
        "InvalidMaxMergeHunksException",
        "The specified value for the number of merge hunks to return is not valid.");
  }

  static AwsException commitDoesNotExist(String id) {
    return AwsException.badRequest(
        "CommitDoesNotExistException",
        "The specified commit does not exist or no commit was specified: " + id);
  }
}
