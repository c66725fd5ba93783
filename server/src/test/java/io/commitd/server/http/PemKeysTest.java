package io.commitd.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.commitd.server.testing.TestCertificates;
import io.commitd.server.testing.TestCertificates.KeyForm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.io.TempDir;

/** Every private-key form openssl writes loads, with its certificate, into an in-memory KeyStore. */
class PemKeysTest {
  @TempDir Path directory;

  @ParameterizedTest
  @EnumSource(KeyForm.class)
  void loadsTheKeyAndItsCertificate(KeyForm form) throws Exception {
    TestCertificates certificates = TestCertificates.create(directory, form);
    String header = Files.readString(certificates.serverKey()).lines().findFirst().orElseThrow();
    assertThat(header).isEqualTo(switch (form) {
      case PKCS8_EC, PKCS8_RSA -> "-----BEGIN PRIVATE KEY-----";
      case TRADITIONAL_EC -> "-----BEGIN EC PRIVATE KEY-----";
      case TRADITIONAL_RSA -> "-----BEGIN RSA PRIVATE KEY-----";
    });
    KeyStore store = PemKeys.keyStore(certificates.serverCertificate(), certificates.serverKey());
    assertThat(store.getKey(PemKeys.ALIAS, PemKeys.PASSWORD).getAlgorithm())
        .isEqualTo(form == KeyForm.PKCS8_EC || form == KeyForm.TRADITIONAL_EC ? "EC" : "RSA");
    assertThat(((X509Certificate) store.getCertificate(PemKeys.ALIAS)).getSubjectX500Principal().getName()).isEqualTo("CN=127.0.0.1");
  }
}
