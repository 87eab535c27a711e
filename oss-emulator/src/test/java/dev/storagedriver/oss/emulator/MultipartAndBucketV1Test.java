package dev.storagedriver.oss.emulator;

import com.aliyun.oss.common.comm.SignVersion;

class MultipartAndBucketV1Test extends AbstractMultipartAndBucketTest {
  @Override
  SignVersion signVersion() {
    return SignVersion.V1;
  }
}
