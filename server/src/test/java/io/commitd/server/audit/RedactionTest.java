package io.commitd.server.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeSet;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

/** Secrets and blobs never reach the trail, at any depth, and the list covers botocore's models. */
class RedactionTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void hidesSecretsAndBlobsAtAnyDepthAndKeepsTheRest() throws Exception {
    JsonNode request = JSON.readTree("""
        {"repositoryName": "r", "fileContent": "aGVsbG8=", "putFiles": [{"filePath": "a", "fileContent": "eA=="}],
         "credentials": {"SecretAccessKey": "s", "SessionToken": "t", "AccessKeyId": "AKIA"},
         "password": "p", "tags.member.1.Value": "v", "newPassword": null, "privateKey": {"nested": [1, 2]},
         "count": 12, "ratio": 1.5, "flag": true, "empty": {}, "none": []}""");
    JsonNode untouched = request.deepCopy();
    JsonNode redacted = JSON.readTree(written(request));
    assertThat(redacted.get("repositoryName").asText()).isEqualTo("r");
    assertThat(redacted.get("fileContent").asText()).isEqualTo(Redaction.HIDDEN);
    assertThat(redacted.get("putFiles").get(0).get("fileContent").asText()).isEqualTo(Redaction.HIDDEN);
    assertThat(redacted.get("putFiles").get(0).get("filePath").asText()).isEqualTo("a");
    assertThat(redacted.get("credentials").get("SecretAccessKey").asText()).isEqualTo(Redaction.HIDDEN);
    assertThat(redacted.get("credentials").get("SessionToken").asText()).isEqualTo(Redaction.HIDDEN);
    assertThat(redacted.get("credentials").get("AccessKeyId").asText()).isEqualTo("AKIA");
    assertThat(redacted.get("password").asText()).isEqualTo(Redaction.HIDDEN);
    assertThat(redacted.get("privateKey").asText()).isEqualTo(Redaction.HIDDEN);
    assertThat(redacted.get("tags.member.1.Value").asText()).isEqualTo("v");
    assertThat(redacted.get("newPassword").isNull()).isTrue();
    assertThat(redacted.get("count").asInt()).isEqualTo(12);
    assertThat(redacted.get("ratio").asDouble()).isEqualTo(1.5);
    assertThat(redacted.get("flag").asBoolean()).isTrue();
    assertThat(redacted.get("empty").isEmpty()).isTrue();
    assertThat(redacted.get("none").isArray()).isTrue();
    assertThat(Redaction.hides("Tags.member.1.Password")).isTrue();
    assertThat(request).as("the operation's own tree is left as it was").isEqualTo(untouched);
  }

  private static String written(JsonNode node) throws Exception {
    StringWriter out = new StringWriter();
    try (JsonGenerator json = JSON.getFactory().createGenerator(out)) {
      Redaction.write(node, json, JSON.getSerializerProviderInstance());
    }
    return out.toString();
  }

  @Test
  void coversEveryBlobAndSensitiveMemberOfTheInstalledModels() throws Exception {
    Path models = botocoreData();
    assumeTrue(models != null, "botocore is not installed");
    TreeSet<String> missed = new TreeSet<>();
    for (String service : new String[] {"codecommit/2015-04-13", "iam/2010-05-08", "sts/2011-06-15"}) {
      JsonNode shapes;
      try (InputStream in = new GZIPInputStream(Files.newInputStream(models.resolve(service).resolve("service-2.json.gz")))) {
        shapes = JSON.readTree(in).get("shapes");
      }
      for (Iterator<Map.Entry<String, JsonNode>> it = shapes.fields(); it.hasNext();) {
        JsonNode members = it.next().getValue().get("members");
        if (members == null) {
          continue;
        }
        for (Iterator<Map.Entry<String, JsonNode>> m = members.fields(); m.hasNext();) {
          Map.Entry<String, JsonNode> member = m.next();
          JsonNode target = shapes.get(member.getValue().get("shape").asText());
          boolean secret = "blob".equals(target.path("type").asText()) || target.path("sensitive").asBoolean()
              || member.getValue().path("sensitive").asBoolean();
          if (secret && !Redaction.hides(member.getKey())) {
            missed.add(service + " " + member.getKey());
          }
        }
      }
    }
    assertThat(missed).isEmpty();
  }

  private static Path botocoreData() throws Exception {
    Process python = new ProcessBuilder("python3", "-c", "import botocore,os;print(os.path.dirname(botocore.__file__))")
        .redirectErrorStream(true).start();
    String out = new String(python.getInputStream().readAllBytes()).strip();
    return python.waitFor() == 0 ? Path.of(out, "data") : null;
  }
}
