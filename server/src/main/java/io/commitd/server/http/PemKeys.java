package io.commitd.server.http;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;

/**
 * A TLS identity from PEM files as openssl writes them: a certificate chain, and a private key in
 * PKCS#8 ({@code BEGIN PRIVATE KEY}) or the traditional RSA ({@code BEGIN RSA PRIVATE KEY}) or EC
 * ({@code BEGIN EC PRIVATE KEY}) forms, held in an in-memory KeyStore that never touches disk.
 */
public final class PemKeys {
  /** The alias and password of the key in the in-memory store; the store never leaves the process. */
  static final String ALIAS = "commitd";
  static final char[] PASSWORD = "in-memory".toCharArray();

  private PemKeys() {}

  public static KeyStore keyStore(Path certFile, Path keyFile) throws IOException, GeneralSecurityException {
    List<? extends Certificate> chain = certificates(certFile);
    if (chain.isEmpty()) {
      throw new IOException(certFile + " holds no PEM certificate");
    }
    PrivateKey key = privateKey(keyFile);
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    store.setKeyEntry(ALIAS, key, PASSWORD, chain.toArray(Certificate[]::new));
    return store;
  }

  static List<? extends Certificate> certificates(Path certFile) throws IOException, GeneralSecurityException {
    try (InputStream in = Files.newInputStream(certFile)) {
      return List.copyOf(CertificateFactory.getInstance("X.509").generateCertificates(in));
    }
  }

  static PrivateKey privateKey(Path keyFile) throws IOException {
    try (PEMParser parser = new PEMParser(Files.newBufferedReader(keyFile))) {
      JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
      for (Object object = parser.readObject(); object != null; object = parser.readObject()) {
        if (object instanceof PrivateKeyInfo info) {
          return converter.getPrivateKey(info);
        }
        if (object instanceof PEMKeyPair pair) {
          return converter.getKeyPair(pair).getPrivate();
        }
      }
    }
    throw new IOException(keyFile + " holds no unencrypted PEM private key (PKCS#8, RSA or EC)");
  }
}
