package dev.weave4j.internal.trace;

import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/** Internal, unstable. The {@code attributes.weave} every call carries: who recorded it, where. */
public final class ClientInfo {

  private static final String VERSION = readVersion();

  private ClientInfo() {}

  /** The weave4j version. */
  public static String version() {
    return VERSION;
  }

  /**
   * The capture information upstream's agent spans carry as {@code weave.<key>}: client version,
   * source, JVM version, OS name, version and release.
   */
  public static Map<String, String> captureInfo() {
    Map<String, String> info = new LinkedHashMap<>();
    weaveAttributes("")
        .forEach(
            (k, v) -> {
              if (v instanceof String s) {
                info.put(k, s);
              }
            });
    return info;
  }

  /** {@code attributes.weave} for calls of an op of {@code kind} (empty for none). */
  static Map<String, Object> weaveAttributes(String kind) {
    Map<String, Object> weave = new LinkedHashMap<>();
    weave.put("client_version", VERSION);
    weave.put("source", "java-sdk");
    // Runtime.version().toString(), without the streams it formats itself with at start-up.
    weave.put(
        "sys_version",
        System.getProperty("java.runtime.version", System.getProperty("java.version", "")));
    weave.put("os_name", System.getProperty("os.name", ""));
    weave.put("os_version", System.getProperty("os.version", ""));
    weave.put("os_release", System.getProperty("os.version", ""));
    weave.put("java", Map.of("vendor", System.getProperty("java.vendor", "")));
    if (!kind.isEmpty()) {
      weave.put("kind", kind);
    }
    return weave;
  }

  private static String readVersion() {
    try (InputStream in =
        ClientInfo.class.getResourceAsStream("/dev/weave4j/internal/weave4j-version.properties")) {
      if (in == null) {
        return "unknown";
      }
      Properties p = new Properties();
      p.load(in);
      return p.getProperty("version", "unknown");
    } catch (IOException e) {
      return "unknown";
    }
  }
}
