package io.commitd.server.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A throw-away certificate authority and a server certificate for 127.0.0.1 and localhost, made
 * with the real openssl, with the server key in the form a test asks for.
 *
 * @param caCertificate the CA's certificate: what clients are told to trust
 */
public record TestCertificates(Path caCertificate, Path serverCertificate, Path serverKey) {

  /** How the server's private key is written. */
  public enum KeyForm {
    /** {@code BEGIN PRIVATE KEY} with an EC P-256 key. */
    PKCS8_EC,
    /** {@code BEGIN PRIVATE KEY} with an RSA key. */
    PKCS8_RSA,
    /** {@code BEGIN EC PRIVATE KEY}. */
    TRADITIONAL_EC,
    /** {@code BEGIN RSA PRIVATE KEY}. */
    TRADITIONAL_RSA
  }

  public static TestCertificates create(Path directory, KeyForm form) {
    Path caKey = directory.resolve("ca.key");
    Path ca = directory.resolve("ca.pem");
    Path pkcs8 = directory.resolve("server-pkcs8.key");
    Path key = directory.resolve("server.key");
    Path csr = directory.resolve("server.csr");
    Path certificate = directory.resolve("server.pem");
    Path extensions = directory.resolve("server.ext");
    try {
      Files.writeString(extensions, "subjectAltName=IP:127.0.0.1,DNS:localhost\n");
      openssl(directory, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", caKey.toString(), "-out", ca.toString(),
          "-days", "2", "-subj", "/CN=commitd test CA");
      boolean ec = form == KeyForm.PKCS8_EC || form == KeyForm.TRADITIONAL_EC;
      openssl(directory, "genpkey", "-algorithm", ec ? "EC" : "RSA",
          ec ? "-pkeyopt" : "-pkeyopt", ec ? "ec_paramgen_curve:P-256" : "rsa_keygen_bits:2048", "-out", pkcs8.toString());
      switch (form) {
        case PKCS8_EC, PKCS8_RSA -> Files.copy(pkcs8, key);
        case TRADITIONAL_EC -> openssl(directory, "ec", "-in", pkcs8.toString(), "-out", key.toString());
        case TRADITIONAL_RSA -> openssl(directory, "rsa", "-traditional", "-in", pkcs8.toString(), "-out", key.toString());
      }
      openssl(directory, "req", "-new", "-key", pkcs8.toString(), "-out", csr.toString(), "-subj", "/CN=127.0.0.1");
      openssl(directory, "x509", "-req", "-in", csr.toString(), "-CA", ca.toString(), "-CAkey", caKey.toString(),
          "-CAcreateserial", "-out", certificate.toString(), "-days", "2", "-extfile", extensions.toString());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return new TestCertificates(ca, certificate, key);
  }

  private static void openssl(Path directory, String... args) {
    List<String> command = new java.util.ArrayList<>(List.of("openssl"));
    command.addAll(List.of(args));
    try {
      Process process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true).start();
      process.getOutputStream().close();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
        throw new IllegalStateException("openssl failed: " + command + "\n" + output);
      }
    } catch (IOException e) {
      throw new IllegalStateException("could not run openssl", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
