package dev.weave4j.internal.config;

import dev.weave4j.WeaveSettings;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

/**
 * Internal, unstable. Resolves {@link WeaveSettings} from system properties &gt; environment &gt;
 * {@code weave.properties} &gt; defaults, failing with the key's name on an unknown key or a bad
 * value.
 */
public final class SettingsLoader {

  /** Names the properties file; not a setting itself. */
  public static final String CONFIG_KEY = "weave.config";

  private static final String CONFIG_ENV = "WEAVE_CONFIG";
  private static final String FILE_NAME = "weave.properties";

  /**
   * Every setting: its key, the environment variables for it (first wins), and how it is applied. A
   * switch rather than a lambda per setting: each lambda would be spun into a class at start-up,
   * about a millisecond each.
   */
  private enum Setting {
    PROJECT("weave.project", "WEAVE_PROJECT"),
    MODE("weave.mode", "WEAVE_MODE"),
    DISABLED("weave.disabled", "WEAVE_DISABLED"),
    SERVER_URL("weave.server_url", "WF_TRACE_SERVER_URL"),
    API_KEY("weave.api_key", "WANDB_API_KEY"),
    LOCAL_DIR("weave.local_dir", "WEAVE_LOCAL_DIR"),
    PRINT_CALL_LINK("weave.print_call_link", "WEAVE_PRINT_CALL_LINK"),
    IMPLICITLY_PATCH_INTEGRATIONS(
        "weave.implicitly_patch_integrations", "WEAVE_IMPLICITLY_PATCH_INTEGRATIONS"),
    DEBUG("weave.debug", "WEAVE_DEBUG"),
    REDACT_KEYS("weave.redact_keys", "WEAVE_REDACT_KEYS"),
    MAX_QUEUE_BYTES("weave.max_queue_bytes", "WEAVE_MAX_QUEUE_BYTES");

    final String key;
    final List<String> env;

    Setting(String key, String... env) {
      this.key = key;
      this.env = List.of(env);
    }

    /** Sets this setting to {@code v}; throws naming the key when {@code v} is bad. */
    WeaveSettings.Builder apply(WeaveSettings.Builder b, String v) {
      return switch (this) {
        case PROJECT -> b.project(v);
        case MODE -> b.mode(parseMode(v));
        case DISABLED -> b.disabled(parseBoolean(key, v));
        case SERVER_URL -> b.serverUrl(v);
        case API_KEY -> b.apiKey(v);
        case LOCAL_DIR -> b.localDir(parsePath(v));
        case PRINT_CALL_LINK -> b.printCallLink(parseBoolean(key, v));
        case IMPLICITLY_PATCH_INTEGRATIONS -> b.implicitlyPatchIntegrations(parseBoolean(key, v));
        case DEBUG -> b.debug(parseBoolean(key, v));
        case REDACT_KEYS -> b.redactKeys(splitList(v));
        case MAX_QUEUE_BYTES -> b.maxQueueBytes(ByteSize.parse(key, v));
      };
    }
  }

  /** {@code weave.integrations.<name>.enabled}: one per integration, so not in {@link Setting}. */
  private static final String INTEGRATION_PREFIX = "weave.integrations.";

  private static final String INTEGRATION_SUFFIX = ".enabled";

  /** The settings by key, in declaration order. */
  private static final Map<String, Setting> KEYS = new LinkedHashMap<>();

  static {
    for (Setting setting : Setting.values()) {
      KEYS.put(setting.key, setting);
    }
  }

  private SettingsLoader() {}

  /** The integration a {@code weave.integrations.<name>.enabled} key names, or null. */
  private static String integrationName(String key) {
    if (key.startsWith(INTEGRATION_PREFIX)
        && key.endsWith(INTEGRATION_SUFFIX)
        && key.length() > INTEGRATION_PREFIX.length() + INTEGRATION_SUFFIX.length()) {
      return key.substring(INTEGRATION_PREFIX.length(), key.length() - INTEGRATION_SUFFIX.length());
    }
    return null;
  }

  /** Applies the per-integration switches of {@code source} (later sources win). */
  private static void applyIntegrationSwitches(
      WeaveSettings.Builder b, Map<String, String> source) {
    for (Map.Entry<String, String> e : source.entrySet()) {
      String name = integrationName(e.getKey());
      if (name != null) {
        b.integrationEnabled(name, parseBoolean(e.getKey(), e.getValue().trim()));
      }
    }
  }

  private static Set<String> splitList(String v) {
    Set<String> out = new HashSet<>();
    for (String part : v.split(",")) {
      out.add(part.trim());
    }
    return out;
  }

  /** The settings of this JVM: its system properties, environment and working directory. */
  public static WeaveSettings fromEnvironment() {
    Map<String, String> props = new HashMap<>();
    for (Map.Entry<Object, Object> e : System.getProperties().entrySet()) {
      props.put(String.valueOf(e.getKey()), String.valueOf(e.getValue()));
    }
    return load(props, System.getenv(), Path.of(""), ClassLoader.getSystemClassLoader());
  }

  /**
   * Resolves settings from the given sources.
   *
   * @throws IllegalArgumentException naming the key and the problem
   */
  public static WeaveSettings load(
      Map<String, String> sysProps, Map<String, String> env, Path workDir, ClassLoader loader) {
    ConfigFile file = readFile(sysProps, env, workDir, loader);
    Set<String> unknown = new TreeSet<>();
    for (String k : sysProps.keySet()) {
      if (k.startsWith("weave.")
          && !KEYS.containsKey(k)
          && !k.equals(CONFIG_KEY)
          && integrationName(k) == null) {
        unknown.add(k + " (system property)");
      }
    }
    for (String k : file.values().keySet()) {
      if (!KEYS.containsKey(k) && integrationName(k) == null) {
        unknown.add(k + " (" + file.source() + ")");
      }
    }
    if (!unknown.isEmpty()) {
      throw new IllegalArgumentException(
          "unknown configuration key "
              + String.join(", ", unknown)
              + "; known keys: "
              + String.join(", ", KEYS.keySet()));
    }

    WeaveSettings.Builder b = WeaveSettings.builder();
    String baseUrl = firstNonBlank(env.get("WANDB_BASE_URL"));
    if (baseUrl != null && !baseUrl.replaceAll("/+$", "").equals("https://api.wandb.ai")) {
      try {
        b.serverUrl(baseUrl.replaceAll("/+$", "") + "/traces");
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "WANDB_BASE_URL: expected an http:// or https:// URL, got '" + baseUrl + "'", e);
      }
    }
    for (Setting setting : KEYS.values()) {
      String value = sysProps.get(setting.key);
      if (value == null) {
        for (String e : setting.env) {
          value = firstNonBlank(env.get(e));
          if (value != null) {
            break;
          }
        }
      }
      if (value == null) {
        value = file.values().get(setting.key);
      }
      if (value != null) {
        setting.apply(b, value.trim());
      }
    }
    applyIntegrationSwitches(b, file.values());
    applyIntegrationSwitches(b, sysProps);
    WeaveSettings built = b.build();
    if (built.apiKey() == null && built.mode() != WeaveSettings.Mode.LOCAL) {
      String home = sysProps.getOrDefault("user.home", env.get("HOME"));
      String key =
          Netrc.password(Netrc.locate(env.get("NETRC"), home), apiHost(env.get("WANDB_BASE_URL")));
      if (key != null) {
        built = built.toBuilder().apiKey(key).build();
      }
    }
    String entity = firstNonBlank(env.get("WANDB_ENTITY"));
    if (entity != null
        && built.effectiveMode() == WeaveSettings.Mode.REMOTE
        && !built.project().contains("/")) {
      built = built.toBuilder().project(entity.trim() + "/" + built.project()).build();
    }
    return built;
  }

  /** The host of the W&B API, whose netrc entry holds the key: {@code api.wandb.ai} by default. */
  static String apiHost(String wandbBaseUrl) {
    String base = firstNonBlank(wandbBaseUrl);
    if (base == null) {
      return "api.wandb.ai";
    }
    try {
      String host = java.net.URI.create(base.trim()).getHost();
      return host == null ? "api.wandb.ai" : host;
    } catch (IllegalArgumentException e) {
      return "api.wandb.ai";
    }
  }

  /** The properties file's values and where they came from. */
  private record ConfigFile(String source, Map<String, String> values) {}

  private static ConfigFile readFile(
      Map<String, String> sysProps, Map<String, String> env, Path workDir, ClassLoader loader) {
    String explicit = sysProps.get(CONFIG_KEY);
    if (explicit == null) {
      explicit = firstNonBlank(env.get(CONFIG_ENV));
    }
    Properties p = new Properties();
    String source;
    try {
      if (explicit != null) {
        Path path = workDir.resolve(explicit);
        if (!Files.isRegularFile(path)) {
          throw new IllegalArgumentException(
              CONFIG_KEY + ": configuration file not found: " + path.toAbsolutePath());
        }
        load(p, Files.newInputStream(path));
        source = path.toString();
      } else if (Files.isRegularFile(workDir.resolve(FILE_NAME))) {
        load(p, Files.newInputStream(workDir.resolve(FILE_NAME)));
        source = workDir.resolve(FILE_NAME).toString();
      } else {
        URL url = loader == null ? null : loader.getResource(FILE_NAME);
        if (url == null) {
          return new ConfigFile("none", Map.of());
        }
        load(p, url.openStream());
        source = url.toString();
      }
    } catch (IOException e) {
      throw new IllegalArgumentException(
          CONFIG_KEY + ": cannot read configuration file: " + e.getMessage(), e);
    }
    Map<String, String> values = new HashMap<>();
    for (Map.Entry<Object, Object> e : p.entrySet()) {
      values.put(String.valueOf(e.getKey()).trim(), String.valueOf(e.getValue()));
    }
    return new ConfigFile(source, values);
  }

  private static void load(Properties p, InputStream in) throws IOException {
    try (Reader r = new java.io.InputStreamReader(in, StandardCharsets.UTF_8)) {
      p.load(r);
    }
  }

  private static String firstNonBlank(String s) {
    return s == null || s.isBlank() ? null : s;
  }

  static boolean parseBoolean(String key, String value) {
    switch (value.trim().toLowerCase(Locale.ROOT)) {
      case "true", "yes", "1", "on":
        return true;
      case "false", "no", "0", "off":
        return false;
      default:
        throw new IllegalArgumentException(key + ": expected true or false, got '" + value + "'");
    }
  }

  private static WeaveSettings.Mode parseMode(String value) {
    try {
      return WeaveSettings.Mode.valueOf(value.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "weave.mode: expected auto, local or remote, got '" + value + "'", e);
    }
  }

  private static Path parsePath(String value) {
    try {
      return Path.of(value);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("weave.local_dir: not a valid path: '" + value + "'", e);
    }
  }
}
