package dev.storagedriver.benchmarks;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The in-memory baseline: a {@code ConcurrentHashMap<String, byte[]>} that copies on put and on get, as a store
 * that hands out arrays must. Listing scans the keys, as a hash map has no order.
 */
final class MapSubject implements Subject {
  private final ConcurrentHashMap<String, byte[]> map = new ConcurrentHashMap<>();

  @Override
  public void put(String key, byte[] data) {
    map.put(key, data.clone());
  }

  @Override
  public byte[] get(String key) {
    byte[] v = map.get(key);
    if (v == null) {
      throw new IllegalStateException("missing " + key);
    }
    return v.clone();
  }

  @Override
  public long stat(String key) {
    return map.get(key).length;
  }

  @Override
  public void streamWrite(String key, byte[] chunk, long total) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (long done = 0; done < total; done += chunk.length) {
      out.write(chunk, 0, (int) Math.min(chunk.length, total - done));
    }
    map.put(key, out.toByteArray());
  }

  @Override
  public long streamRead(String key, byte[] buffer) {
    byte[] v = map.get(key);
    long n = 0;
    for (int off = 0; off < v.length; off += buffer.length) {
      int len = Math.min(buffer.length, v.length - off);
      System.arraycopy(v, off, buffer, 0, len);
      n += len;
    }
    return n;
  }

  @Override
  public int list(String dir) {
    String prefix = dir + "/";
    Set<String> children = new HashSet<>();
    for (String k : map.keySet()) {
      if (k.startsWith(prefix)) {
        int slash = k.indexOf('/', prefix.length());
        children.add(slash < 0 ? k : k.substring(0, slash));
      }
    }
    List<String> sorted = new ArrayList<>(children);
    Collections.sort(sorted);
    return sorted.size();
  }

  @Override
  public int walk(String dir) {
    String prefix = dir + "/";
    List<String> all = new ArrayList<>();
    for (String k : map.keySet()) {
      if (k.startsWith(prefix)) {
        all.add(k);
      }
    }
    Collections.sort(all);
    return all.size();
  }

  @Override
  public void deleteTree(String dir) {
    String prefix = dir + "/";
    map.keySet().removeIf(k -> k.startsWith(prefix) || k.equals(dir));
  }

  @Override
  public void close() {
    map.clear();
  }
}
