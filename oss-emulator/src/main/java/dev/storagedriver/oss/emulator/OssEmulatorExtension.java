package dev.storagedriver.oss.emulator;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5 extension: one in-memory emulator per test class (ephemeral port, default credentials, bucket
 * {@value #DEFAULT_BUCKET}), injected into test and lifecycle methods that declare an {@link OssEmulator} parameter.
 * Nested classes share their outer class's emulator; it is closed after the outer class.
 *
 * <pre>{@code
 * @ExtendWith(OssEmulatorExtension.class)
 * class MyTest {
 *   @Test void works(OssEmulator oss) { ... oss.endpoint() ... }
 * }
 * }</pre>
 *
 * <p>For other settings, register an instance: {@code @RegisterExtension static OssEmulatorExtension oss = new
 * OssEmulatorExtension(OssEmulator.builder().bucket("b").anonymous(true));} and use {@link #emulator()}.
 */
public final class OssEmulatorExtension implements BeforeAllCallback, AfterAllCallback, ParameterResolver {
  /** The bucket created when the default builder is used. */
  public static final String DEFAULT_BUCKET = "test-bucket";

  private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(OssEmulatorExtension.class);
  private final OssEmulator.Builder builder;
  private OssEmulator emulator;

  /** Uses {@code OssEmulator.builder().bucket(DEFAULT_BUCKET)}. */
  public OssEmulatorExtension() {
    this(OssEmulator.builder().bucket(DEFAULT_BUCKET));
  }

  /**
   * Uses the given configuration for every test class it starts an emulator for.
   *
   * @param builder the settings of each emulator started
   */
  public OssEmulatorExtension(OssEmulator.Builder builder) {
    this.builder = builder;
  }

  /**
   * The running emulator (between the class's before-all and after-all).
   *
   * @return the emulator serving the current test class
   * @throws IllegalStateException outside a test class's run
   */
  public OssEmulator emulator() {
    if (emulator == null) {
      throw new IllegalStateException("the emulator runs only while a test class executes");
    }
    return emulator;
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    if (emulator != null) {
      return; // a @Nested class: keep the outer class's emulator
    }
    emulator = builder.build().start();
    context.getStore(NS).put(OssEmulator.class, emulator);
  }

  @Override
  public void afterAll(ExtensionContext context) {
    OssEmulator e = context.getStore(NS).remove(OssEmulator.class, OssEmulator.class);
    if (e != null) {
      e.close();
      emulator = null;
    }
  }

  @Override
  public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
    return parameterContext.getParameter().getType() == OssEmulator.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
    for (ExtensionContext c = extensionContext; c != null; c = c.getParent().orElse(null)) {
      OssEmulator e = c.getStore(NS).get(OssEmulator.class, OssEmulator.class);
      if (e != null) {
        return e;
      }
    }
    return emulator();
  }
}
