package dev.weave4j.internal.config;

import dev.weave4j.WeaveSettings;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiConsumer;
import java.util.stream.Collectors;

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

  /** A setting: its key, the environment variables for it (first wins), and how to apply it. */
  private record Key(
      String name, List<String> env, BiConsumer<WeaveSettings.Builder, String> apply) {}

  private static final Map<String, Key> KEYS = new LinkedHashMap<>();

  static {
    key("weave.project", List.of("WEAVE_PROJECT"), WeaveSettings.Builder::project);
    key("weave.mode", List.of("WEAVE_MODE"), (b, v) -> b.mode(parseMode(v)));
    key(
        "weave.disabled",
        List.of("WEAVE_DISABLED"),
        (b, v) -> b.disabled(parseBoolean("weave.disabled", v)));
    key("weave.server_url", List.of("WF_TRACE_SERVER_URL"), WeaveSettings.Builder::serverUrl);
    key("weave.api_key", List.of("WANDB_API_KEY"), WeaveSettings.Builder::apiKey);
    key("weave.local_dir", List.of("WEAVE_LOCAL_DIR"), (b, v) -> b.localDir(parsePath(v)));
    key(
        "weave.print_call_link",
        List.of("WEAVE_PRINT_CALL_LINK"),
        (b, v) -> b.printCallLink(parseBoolean("weave.print_call_link", v)));
    key(
        "weave.implicitly_patch_integrations",
        List.of("WEAVE_IMPLICITLY_PATCH_INTEGRATIONS"),
        (b, v) ->
            b.implicitlyPatchIntegrations(parseBoolean("weave.implicitly_patch_integrations", v)));
    key(
        "weave.redact_keys",
        List.of("WEAVE_REDACT_KEYS"),
        (b, v) ->
            b.redactKeys(
                Arrays.stream(v.split(",")).map(String::trim).collect(Collectors.toSet())));
    key(
        "weave.max_queue_bytes",
        List.of("WEAVE_MAX_QUEUE_BYTES"),
        (b, v) -> b.maxQueueBytes(ByteSize.parse("weave.max_queue_bytes", v)));
  }

  private SettingsLoader() {}

  private static void key(
      String name, List<String> env, BiConsumer<WeaveSettings.Builder, String> apply) {
    KEYS.put(name, new Key(name, env, apply));
  }

  /** The settings of this JVM: its system properties, environment and working directory. */
  public static WeaveSettings fromEnvironment() {
    Map<String, String> props = new HashMap<>();
    System.getProperties().forEach((k, v) -> props.put(String.valueOf(k), String.valueOf(v)));
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
      if (k.startsWith("weave.") && !KEYS.containsKey(k) && !k.equals(CONFIG_KEY)) {
        unknown.add(k + " (system property)");
      }
    }
    for (String k : file.values().keySet()) {
      if (!KEYS.containsKey(k)) {
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
    for (Key key : KEYS.values()) {
      String value = sysProps.get(key.name());
      if (value == null) {
        for (String e : key.env()) {
          value = firstNonBlank(env.get(e));
          if (value != null) {
            break;
          }
        }
      }
      if (value == null) {
        value = file.values().get(key.name());
      }
      if (value != null) {
        key.apply().accept(b, value.trim());
      }
    }
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
    p.forEach((k, v) -> values.put(String.valueOf(k).trim(), String.valueOf(v)));
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
