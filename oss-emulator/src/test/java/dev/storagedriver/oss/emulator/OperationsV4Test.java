package dev.storagedriver.oss.emulator;

import com.aliyun.oss.common.comm.SignVersion;

class OperationsV4Test extends AbstractOperationsTest {
  @Override
  SignVersion signVersion() {
    return SignVersion.V4;
  }
}
