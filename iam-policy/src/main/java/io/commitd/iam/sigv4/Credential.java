package io.commitd.iam.sigv4;

/** The parsed {@code Credential=AKID/DATE/REGION/SERVICE/aws4_request} of a SigV4 header. */
public record Credential(String accessKeyId, String date, String region, String service) {
  public String scope() {
    return date + "/" + region + "/" + service + "/aws4_request";
  }
}
