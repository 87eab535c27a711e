package dev.storagedriver.oss.emulator;

import com.aliyun.oss.ClientBuilderConfiguration;
import com.aliyun.oss.OSS;
import com.aliyun.oss.OSSClientBuilder;
import com.aliyun.oss.common.auth.DefaultCredentialProvider;
import com.aliyun.oss.common.comm.SignVersion;

/** Builds real SDK clients against an emulator. */
final class Clients {
  private Clients() {}

  static OSS client(OssEmulator oss, SignVersion version) {
    return client(oss, version, oss.accessKeyId(), oss.accessKeySecret(), null);
  }

  static OSS client(OssEmulator oss, SignVersion version, String ak, String sk, String token) {
    ClientBuilderConfiguration conf = new ClientBuilderConfiguration();
    conf.setSignatureVersion(version);
    conf.setMaxErrorRetry(0);
    conf.setConnectionTimeout(5000);
    conf.setSocketTimeout(10000);
    DefaultCredentialProvider creds =
        token == null ? new DefaultCredentialProvider(ak, sk) : new DefaultCredentialProvider(ak, sk, token);
    return OSSClientBuilder.create().endpoint(oss.endpoint()).credentialsProvider(creds)
        .clientConfiguration(conf).region("cn-hangzhou").build();
  }
}
