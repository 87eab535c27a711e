package dev.storagedriver.cli.testplugin;

import com.typesafe.config.ConfigFactory;
import dev.storagedriver.FileInfo;
import dev.storagedriver.StorageDriverException;
import dev.storagedriver.StorageDriverRegistry;
import dev.storagedriver.spi.DriverConfig;
import dev.storagedriver.spi.StorageBackend;
import dev.storagedriver.spi.StorageDriverFactory;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;

/**
 * A deliberately wrong third-party driver, "broken": the in-memory driver, except that stat reports every file one
 * byte too large. It is registered only by the plug-in jar the tests build (no @AutoService here), so the
 * registry finds it only through --plugins.
 */
public final class BrokenDriverFactory implements StorageDriverFactory {
  /** For ServiceLoader. */
  public BrokenDriverFactory() {}

  @Override
  public String name() {
    return "broken";
  }

  @Override
  public StorageBackend create(DriverConfig config) throws StorageDriverException {
    StorageBackend real = StorageDriverRegistry.load().factory("inmemory").orElseThrow()
        .create(new DriverConfig("inmemory", ConfigFactory.empty()));
    return (StorageBackend) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {StorageBackend.class},
        (proxy, method, args) -> {
          if (method.getName().equals("name")) {
            return "broken";
          }
          try {
            Object result = method.invoke(real, args);
            if (result instanceof FileInfo info && !info.isDirectory()) {
              return FileInfo.file(info.path(), info.size() + 1, info.modTime());
            }
            return result;
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        });
  }
}
