package dev.storagedriver.oss.emulator;

import com.aliyun.oss.common.comm.SignVersion;

class MultipartAndBucketV4Test extends AbstractMultipartAndBucketTest {
  @Override
  SignVersion signVersion() {
    return SignVersion.V4;
  }
}
