package io.commitd.server.iam;

import io.commitd.iam.auth.PrincipalType;
import io.commitd.iam.auth.StoredGitCredentials;
import io.commitd.iam.identity.CredentialStore;
import io.commitd.iam.identity.Entities.AccessKey;
import io.commitd.iam.identity.Entities.ServiceCredential;
import io.commitd.iam.identity.Entities.SshKey;
import io.commitd.iam.identity.Entities.User;
import io.commitd.iam.identity.IamErrors;
import io.commitd.iam.identity.IdentityStore;
import io.commitd.iam.identity.SshPublicKeys;
import io.commitd.server.query.QueryOperation;
import io.commitd.storage.aws.Arn;
import io.commitd.server.api.OperationRegistry;
import io.commitd.server.query.QueryRequest;
import io.commitd.server.query.XmlNode;
import io.commitd.storage.errors.AwsException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/** Access keys, SSH public keys, Git credentials and virtual MFA devices of IAM users. */
final class CredentialOperations {
  private final IamContext iam;
  private final IdentityStore identities;
  private final CredentialStore credentials;

  CredentialOperations(IamContext iam) {
    this.iam = iam;
    this.identities = iam.identities();
    this.credentials = iam.credentials();
  }

  void register(OperationRegistry<QueryRequest> registry) {
    registry
        .add("CreateAccessKey", QueryOperation.on(iam::userArnOrSelf, this::createAccessKey))
        .add("ListAccessKeys", QueryOperation.on(iam::userArnOrSelf, this::listAccessKeys))
        .add("UpdateAccessKey", QueryOperation.on(iam::userArnOrSelf, this::updateAccessKey))
        .add("DeleteAccessKey", QueryOperation.on(iam::userArnOrSelf, this::deleteAccessKey))
        .add("UploadSSHPublicKey", QueryOperation.on(r -> iam.userArn(r, r.required("UserName")), this::uploadSshKey))
        .add("ListSSHPublicKeys", QueryOperation.on(iam::userArnOrSelf, this::listSshKeys))
        .add("GetSSHPublicKey", QueryOperation.on(r -> iam.userArn(r, r.required("UserName")), this::getSshKey))
        .add("UpdateSSHPublicKey", QueryOperation.on(r -> iam.userArn(r, r.required("UserName")), this::updateSshKey))
        .add("DeleteSSHPublicKey", QueryOperation.on(r -> iam.userArn(r, r.required("UserName")), this::deleteSshKey))
        .add("CreateServiceSpecificCredential", QueryOperation.on(r -> iam.userArn(r, r.required("UserName")), this::createCredential))
        .add("ListServiceSpecificCredentials", QueryOperation.on(iam::userArnOrSelf, this::listCredentials))
        .add("ResetServiceSpecificCredential", QueryOperation.on(iam::userArnOrSelf, this::resetCredential))
        .add("UpdateServiceSpecificCredential", QueryOperation.on(iam::userArnOrSelf, this::updateCredential))
        .add("DeleteServiceSpecificCredential", QueryOperation.on(iam::userArnOrSelf, this::deleteCredential))
        .add("CreateVirtualMFADevice", QueryOperation.on(r -> mfaArn(r, r.required("VirtualMFADeviceName")), this::createMfaDevice))
        .add("EnableMFADevice", QueryOperation.on(r -> iam.userArn(r, r.required("UserName")), this::enableMfaDevice))
        .add("ListMFADevices", QueryOperation.on(iam::userArnOrSelf, this::listMfaDevices));
  }

  private static String mfaArn(QueryRequest request, String name) {
    return Arn.mfa(request.accountId(), request.optional("Path"), name).toString();
  }

  // ---- access keys

  private XmlNode createAccessKey(QueryRequest request) {
    boolean rootForItself = request.optional("UserName") == null && request.caller().type() == PrincipalType.ROOT;
    User user = rootForItself ? null : iam.userOrSelf(request);
    var created = credentials.createAccessKey(request.accountId(), user == null ? null : user.userId(), request.now());
    return XmlNode.node().add("AccessKey", XmlNode.node()
        .add("UserName", user == null ? null : user.userName()).add("AccessKeyId", created.key().accessKeyId())
        .add("Status", created.key().status()).add("SecretAccessKey", created.secret()).add("CreateDate", created.key().createdAt()));
  }

  private XmlNode listAccessKeys(QueryRequest request) {
    User user = iam.userOrSelf(request);
    List<XmlNode> keys = credentials.accessKeysOf(user.userId()).stream().map(k -> accessKey(user, k)).toList();
    return IamXml.listing("AccessKeyMetadata", keys);
  }

  private static XmlNode accessKey(User user, AccessKey key) {
    return XmlNode.node().add("UserName", user.userName()).add("AccessKeyId", key.accessKeyId()).add("Status", key.status())
        .add("CreateDate", key.createdAt());
  }

  private XmlNode updateAccessKey(QueryRequest request) {
    User user = iam.userOrSelf(request);
    credentials.updateAccessKeyStatus(user.userId(), request.required("AccessKeyId"), IamNames.status(request.required("Status")));
    return null;
  }

  private XmlNode deleteAccessKey(QueryRequest request) {
    User user = iam.userOrSelf(request);
    credentials.deleteAccessKey(user.userId(), request.required("AccessKeyId"));
    return null;
  }

  // ---- SSH public keys

  private XmlNode uploadSshKey(QueryRequest request) {
    User user = identities.requireUser(request.accountId(), request.required("UserName"));
    String body = request.required("SSHPublicKeyBody").trim();
    String fingerprint = SshPublicKeys.fingerprint(body).orElseThrow(() ->
        new AwsException("InvalidPublicKey", 400, "The public key is malformed or otherwise invalid."));
    if (credentials.sshKeysOf(user.userId()).size() >= 5) {
      throw IamErrors.limitExceeded("Cannot exceed quota for PublicKeysPerUser: 5");
    }
    SshKey key = credentials.uploadSshKey(user.userId(), body, fingerprint, request.now());
    return XmlNode.node().add("SSHPublicKey", sshKey(user, key, true));
  }

  private static XmlNode sshKey(User user, SshKey key, boolean withBody) {
    XmlNode node = XmlNode.node().add("UserName", user.userName()).add("SSHPublicKeyId", key.sshKeyId());
    if (withBody) {
      node.add("Fingerprint", key.fingerprint()).add("SSHPublicKeyBody", key.body());
    }
    return node.add("Status", key.status()).add("UploadDate", key.uploadedAt());
  }

  private XmlNode listSshKeys(QueryRequest request) {
    User user = iam.userOrSelf(request);
    return IamXml.listing("SSHPublicKeys", credentials.sshKeysOf(user.userId()).stream().map(k -> sshKey(user, k, false)).toList());
  }

  private XmlNode getSshKey(QueryRequest request) {
    User user = identities.requireUser(request.accountId(), request.required("UserName"));
    String encoding = request.required("Encoding");
    if (!encoding.equals("SSH") && !encoding.equals("PEM")) {
      throw IamErrors.validation("1 validation error detected: Value '" + encoding + "' at 'encoding' failed to satisfy constraint: Member must satisfy enum value set: [SSH, PEM]");
    }
    SshKey key = credentials.requireSshKey(user.userId(), request.required("SSHPublicKeyId"));
    return XmlNode.node().add("SSHPublicKey", sshKey(user, key, true));
  }

  private XmlNode updateSshKey(QueryRequest request) {
    User user = identities.requireUser(request.accountId(), request.required("UserName"));
    credentials.updateSshKeyStatus(user.userId(), request.required("SSHPublicKeyId"), IamNames.status(request.required("Status")));
    return null;
  }

  private XmlNode deleteSshKey(QueryRequest request) {
    User user = identities.requireUser(request.accountId(), request.required("UserName"));
    credentials.deleteSshKey(user.userId(), request.required("SSHPublicKeyId"));
    return null;
  }

  // ---- service-specific credentials

  private XmlNode createCredential(QueryRequest request) {
    User user = identities.requireUser(request.accountId(), request.required("UserName"));
    String service = request.required("ServiceName");
    if (!service.equals(StoredGitCredentials.CODECOMMIT)) {
      throw new AwsException("NotSupportedService", 404, "The specified service " + service + " is not supported.");
    }
    var created = credentials.createServiceCredential(user.userId(), user.userName(), request.accountId(), service, request.now());
    return XmlNode.node().add("ServiceSpecificCredential", credential(user, created.credential()).add("ServicePassword", created.password()));
  }

  private static XmlNode credential(User user, ServiceCredential credential) {
    return XmlNode.node().add("CreateDate", credential.createdAt()).add("ServiceName", credential.serviceName())
        .add("ServiceUserName", credential.serviceUserName()).add("ServiceSpecificCredentialId", credential.credentialId())
        .add("UserName", user.userName()).add("Status", credential.status());
  }

  private XmlNode listCredentials(QueryRequest request) {
    User user = iam.userOrSelf(request);
    String service = request.optional("ServiceName");
    List<XmlNode> items = credentials.serviceCredentialsOf(user.userId()).stream()
        .filter(c -> service == null || c.serviceName().equals(service)).map(c -> credential(user, c)).toList();
    return XmlNode.node().addList("ServiceSpecificCredentials", items);
  }

  private XmlNode resetCredential(QueryRequest request) {
    User user = iam.userOrSelf(request);
    String id = request.required("ServiceSpecificCredentialId");
    String password = credentials.resetServiceCredential(user.userId(), id);
    return XmlNode.node().add("ServiceSpecificCredential",
        credential(user, credentials.requireServiceCredential(user.userId(), id)).add("ServicePassword", password));
  }

  private XmlNode updateCredential(QueryRequest request) {
    User user = iam.userOrSelf(request);
    credentials.updateServiceCredentialStatus(user.userId(), request.required("ServiceSpecificCredentialId"),
        IamNames.status(request.required("Status")));
    return null;
  }

  private XmlNode deleteCredential(QueryRequest request) {
    User user = iam.userOrSelf(request);
    credentials.deleteServiceCredential(user.userId(), request.required("ServiceSpecificCredentialId"));
    return null;
  }

  // ---- virtual MFA devices

  private XmlNode createMfaDevice(QueryRequest request) {
    String name = IamNames.name(request.required("VirtualMFADeviceName"), "virtualMFADeviceName", 226);
    String path = IamNames.path(request.optional("Path"));
    String serial = Arn.mfa(request.accountId(), path, name).toString();
    String seed = credentials.createVirtualMfaDevice(request.accountId(), serial, name, request.now());
    // Base32StringSeed is a blob: base64 of the Base32 text, which the CLI writes out decoded.
    return XmlNode.node().add("VirtualMFADevice", XmlNode.node().add("SerialNumber", serial)
        .add("Base32StringSeed", Base64.getEncoder().encodeToString(seed.getBytes(StandardCharsets.US_ASCII))));
  }

  private XmlNode enableMfaDevice(QueryRequest request) {
    User user = identities.requireUser(request.accountId(), request.required("UserName"));
    credentials.enableMfaDevice(request.accountId(), user.userId(), request.required("SerialNumber"),
        request.required("AuthenticationCode1"), request.required("AuthenticationCode2"), request.now());
    return null;
  }

  private XmlNode listMfaDevices(QueryRequest request) {
    User user = iam.userOrSelf(request);
    return IamXml.listing("MFADevices", credentials.mfaDevicesOf(user.userId()).stream()
        .map(d -> XmlNode.node().add("UserName", user.userName()).add("SerialNumber", d.serialNumber()).add("EnableDate", d.enabledAt()))
        .toList());
  }
}
