package dev.storagedriver.oss.emulator;

import com.aliyun.oss.common.comm.SignVersion;

class FidelityV4Test extends AbstractFidelityTest {
  @Override
  SignVersion signVersion() {
    return SignVersion.V4;
  }
}
