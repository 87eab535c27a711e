package dev.storagedriver.benchmarks;

import com.sun.management.GarbageCollectionNotificationInfo;
import dev.storagedriver.FileWriter;
import dev.storagedriver.StorageDriver;
import dev.storagedriver.StorageDriverRegistry;
import com.typesafe.config.ConfigFactory;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;

/**
 * Child process of the heap check: streams {@code bytes} through the OSS driver's writer (1 MiB writes) to an
 * emulator started by the parent, in a JVM whose {@code -Xmx} the parent sets to the bound under test, and prints
 * the largest heap in use after any garbage collection (the live set) and the largest seen at all.
 *
 * <p>Arguments: endpoint region accessKeyId accessKeySecret bucket chunkSize concurrency bytes.
 */
public final class OssWriterHeap {
  private OssWriterHeap() {}

  public static void main(String[] args) throws Exception {
    String endpoint = args[0];
    long bytes = Long.parseLong(args[7]);
    AtomicLong maxAfterGc = new AtomicLong();
    AtomicLong maxSeen = new AtomicLong();
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      ((NotificationEmitter) gc).addNotificationListener((n, h) -> {
        if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(n.getType())) {
          return;
        }
        GarbageCollectionNotificationInfo info =
            GarbageCollectionNotificationInfo.from((CompositeData) n.getUserData());
        long after = 0;
        long before = 0;
        for (MemoryUsage u : info.getGcInfo().getMemoryUsageAfterGc().values()) {
          after += u.getUsed();
        }
        for (MemoryUsage u : info.getGcInfo().getMemoryUsageBeforeGc().values()) {
          before += u.getUsed();
        }
        maxAfterGc.accumulateAndGet(after, Math::max);
        maxSeen.accumulateAndGet(before, Math::max);
      }, null, null);
    }
    Map<String, Object> c = new HashMap<>();
    c.put("storagedriver.oss.endpoint", endpoint);
    c.put("storagedriver.oss.region", args[1]);
    c.put("storagedriver.oss.accesskeyid", args[2]);
    c.put("storagedriver.oss.accesskeysecret", args[3]);
    c.put("storagedriver.oss.bucket", args[4]);
    c.put("storagedriver.oss.secure", false);
    c.put("storagedriver.oss.chunksize", args[5]);
    c.put("storagedriver.oss.uploadconcurrency", Integer.parseInt(args[6]));
    byte[] chunk = Datasets.bytes(1024 * 1024, 5);
    long start = System.nanoTime();
    try (StorageDriver driver = StorageDriverRegistry.load().open("oss", ConfigFactory.parseMap(c));
        FileWriter w = driver.writer("/bench/heap/big", false)) {
      for (long done = 0; done < bytes; done += chunk.length) {
        w.write(chunk, 0, (int) Math.min(chunk.length, bytes - done));
        long used = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        maxSeen.accumulateAndGet(used, Math::max);
      }
      w.commit();
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    System.out.println("HEAP maxAfterGc=" + maxAfterGc.get() + " maxSeen=" + maxSeen.get() + " bytes=" + bytes
        + " seconds=" + seconds + " xmx=" + Runtime.getRuntime().maxMemory());
  }
}
