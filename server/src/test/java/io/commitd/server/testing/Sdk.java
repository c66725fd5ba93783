package io.commitd.server.testing;

import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.codecommit.CodeCommitClient;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.sts.StsClient;

/** AWS SDK for Java v2 clients pointed at a test server with {@code endpointOverride}. */
public final class Sdk {
  private final URI endpoint;
  private final AwsCredentials credentials;

  public Sdk(URI endpoint, String accessKeyId, String secretAccessKey, String sessionToken) {
    this.endpoint = endpoint;
    this.credentials =
        sessionToken == null
            ? AwsBasicCredentials.create(accessKeyId, secretAccessKey)
            : AwsSessionCredentials.create(accessKeyId, secretAccessKey, sessionToken);
  }

  /** Tests want the server's first answer, not a retried one. */
  private static ClientOverrideConfiguration noRetries() {
    return ClientOverrideConfiguration.builder().retryStrategy(b -> b.maxAttempts(1)).build();
  }

  public CodeCommitClient codeCommit() {
    return configured(CodeCommitClient.builder(), Region.US_EAST_1);
  }

  public IamClient iam() {
    return configured(IamClient.builder(), Region.AWS_GLOBAL);
  }

  public StsClient sts() {
    return configured(StsClient.builder(), Region.US_EAST_1);
  }

  private <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C configured(B builder, Region region) {
    return builder
        .endpointOverride(endpoint)
        .region(region)
        .credentialsProvider(StaticCredentialsProvider.create(credentials))
        .httpClient(UrlConnectionHttpClient.create())
        .overrideConfiguration(noRetries())
        .build();
  }
}
