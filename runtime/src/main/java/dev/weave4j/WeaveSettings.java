package dev.weave4j;

import dev.weave4j.internal.config.SettingsLoader;
import dev.weave4j.internal.trace.OpOverrides;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * Immutable weave4j configuration, built once. Use {@link #builder()} in code, or {@link
 * #fromEnvironment()} for the same resolution the agent uses: system property {@code -Dweave.x}
 * &gt; environment {@code WEAVE_X} &gt; {@code weave.properties} &gt; defaults.
 */
public final class WeaveSettings {

  /**
   * Largest default bound of pending trace records: {@value} bytes (64 MiB). The default is the
   * smaller of this and {@link #DEFAULT_MAX_QUEUE_HEAP_PERCENT} % of the heap ({@code -Xmx}), so
   * that tracing never takes a small heap's room.
   */
  public static final long DEFAULT_MAX_QUEUE_BYTES = 64L * 1024 * 1024;

  /** Share of the maximum heap ({@code -Xmx}) the default queue bound may take, in percent. */
  public static final int DEFAULT_MAX_QUEUE_HEAP_PERCENT = 5;

  /** Smallest accepted {@code weave.max_queue_bytes}: {@value} bytes. */
  public static final long MIN_MAX_QUEUE_BYTES = 64L * 1024;

  /** How many root calls print their link unless every one is asked for. */
  public static final int DEFAULT_CALL_LINKS = 5;

  /** Default bound of the spool on disk, {@code weave.max_spool_bytes}: {@value} bytes (1 GiB). */
  public static final long DEFAULT_MAX_SPOOL_BYTES = 1L << 30;

  /** Smallest accepted {@code weave.max_spool_bytes}: {@value} bytes. */
  public static final long MIN_MAX_SPOOL_BYTES = 64L * 1024;

  /** Default trace server. */
  public static final String DEFAULT_SERVER_URL = "https://trace.wandb.ai";

  /**
   * Keys whose values are replaced with {@code "REDACTED"} by default. A key matches by its last
   * words (split at {@code _ - .}, spaces and camelCase, any case): {@code api_key} also covers
   * {@code openai_api_key} and {@code x-api-key}; {@code max_tokens}, {@code token_count} or {@code
   * password_length} match none.
   */
  public static final Set<String> DEFAULT_REDACT_KEYS =
      Set.of(
          "api_key",
          "api_token",
          "access_key",
          "access_token",
          "auth_token",
          "id_token",
          "refresh_token",
          "session_token",
          "private_key",
          "authorization",
          "auth_headers",
          "cookie",
          "password",
          "secret");

  /** Where calls go. */
  public enum Mode {
    /** Remote when an API key is known or a non-default server is named, else local. */
    AUTO,
    /** The local store on disk. */
    LOCAL,
    /** A Weave trace server over HTTP. */
    REMOTE
  }

  private final String project;
  private final Mode mode;
  private final boolean disabled;
  private final String serverUrl;
  private final String apiKey;
  private final Path localDir;
  private final boolean printCallLink;
  private final boolean printEveryCallLink;
  private final boolean implicitlyPatchIntegrations;
  private final Set<String> disabledIntegrations;
  private final boolean debug;
  private final Set<String> redactKeys;
  private final long maxQueueBytes;
  private final long maxSpoolBytes;
  private final Map<String, Map<String, String>> integrationSettings;

  private WeaveSettings(Builder b) {
    this.project = b.project;
    this.mode = b.mode;
    this.disabled = b.disabled;
    this.serverUrl = b.serverUrl;
    this.apiKey = b.apiKey;
    this.localDir = b.localDir;
    this.printCallLink = b.printCallLink;
    this.printEveryCallLink = b.printEveryCallLink;
    this.implicitlyPatchIntegrations = b.implicitlyPatchIntegrations;
    this.disabledIntegrations = Set.copyOf(b.disabledIntegrations);
    this.debug = b.debug;
    this.redactKeys = b.redactKeys;
    this.maxQueueBytes = b.maxQueueBytes;
    this.maxSpoolBytes = b.maxSpoolBytes;
    Map<String, Map<String, String>> byName = new TreeMap<>();
    b.integrationSettings.forEach((name, values) -> byName.put(name, Map.copyOf(values)));
    this.integrationSettings = Collections.unmodifiableMap(byName);
  }

  /** A builder with every default. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Settings resolved from system properties, environment, {@code weave.properties} and defaults.
   *
   * @throws IllegalArgumentException naming the key, for an unknown key or a bad value
   */
  public static WeaveSettings fromEnvironment() {
    return SettingsLoader.fromEnvironment();
  }

  /** A builder holding these settings, to derive changed ones. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.project = project;
    b.mode = mode;
    b.disabled = disabled;
    b.serverUrl = serverUrl;
    b.apiKey = apiKey;
    b.localDir = localDir;
    b.printCallLink = printCallLink;
    b.printEveryCallLink = printEveryCallLink;
    b.implicitlyPatchIntegrations = implicitlyPatchIntegrations;
    b.disabledIntegrations = new java.util.HashSet<>(disabledIntegrations);
    b.debug = debug;
    b.redactKeys = redactKeys;
    b.maxQueueBytes = maxQueueBytes;
    b.maxSpoolBytes = maxSpoolBytes;
    integrationSettings.forEach(
        (name, values) -> b.integrationSettings.put(name, new TreeMap<>(values)));
    return b;
  }

  /** The project as given: {@code project} or {@code entity/project}. */
  public String project() {
    return project;
  }

  /** The entity part of {@link #project()}; {@code local} when none was given. */
  public String entity() {
    int slash = project.indexOf('/');
    return slash < 0 ? "local" : project.substring(0, slash);
  }

  /** The project part of {@link #project()}. */
  public String projectName() {
    int slash = project.indexOf('/');
    return slash < 0 ? project : project.substring(slash + 1);
  }

  /** The wire project id, {@code entity/project}. */
  public String projectId() {
    return entity() + "/" + projectName();
  }

  /** The configured mode; see {@link #effectiveMode()}. */
  public Mode mode() {
    return mode;
  }

  /**
   * {@link Mode#LOCAL} or {@link Mode#REMOTE}, with {@link Mode#AUTO} resolved: remote when an API
   * key is known or a server other than the default one was named (a local {@code serve} needs no
   * key), else local.
   */
  public Mode effectiveMode() {
    if (mode != Mode.AUTO) {
      return mode;
    }
    return apiKey != null || !DEFAULT_SERVER_URL.equals(serverUrl) ? Mode.REMOTE : Mode.LOCAL;
  }

  /** True when tracing is off entirely: the agent installs nothing and the API is a no-op. */
  public boolean disabled() {
    return disabled;
  }

  /** The trace server base URL. */
  public String serverUrl() {
    return serverUrl;
  }

  /** The W&amp;B API key, or null. Never logged or recorded. */
  public String apiKey() {
    return apiKey;
  }

  /** The local store folder. */
  public Path localDir() {
    return localDir;
  }

  /** The folder of this project's local store: {@code <local_dir>/<entity>/<project>}. */
  public Path projectDir() {
    return localDir.resolve(entity()).resolve(projectName());
  }

  /**
   * Whether root calls print a link to themselves on stderr: by default the first {@value
   * #DEFAULT_CALL_LINKS} of a run, then one line saying how to list the rest; every one when {@link
   * #printEveryCallLink()}.
   */
  public boolean printCallLink() {
    return printCallLink;
  }

  /**
   * True when {@code weave.print_call_link=true} was set explicitly: every root call prints its
   * link, however many there are (a server's requests would otherwise flood stderr).
   */
  public boolean printEveryCallLink() {
    return printCallLink && printEveryCallLink;
  }

  /** Whether known LLM libraries are traced without code changes. */
  public boolean implicitlyPatchIntegrations() {
    return implicitlyPatchIntegrations;
  }

  /**
   * Names of the integrations turned off one by one ({@code weave.integrations.<name>.enabled}).
   */
  public Set<String> disabledIntegrations() {
    return disabledIntegrations;
  }

  /** Whether integration {@code name} may be applied: integrations on, and this one not off. */
  public boolean integrationEnabled(String name) {
    return implicitlyPatchIntegrations && !disabledIntegrations.contains(name);
  }

  /**
   * The integrations' op settings ({@code weave.integrations.<name>.<setting>} other than {@code
   * enabled}): by integration name, then setting name ({@code op_name}, {@code call_display_name},
   * {@code postprocess_inputs}, {@code postprocess_output}, {@code include_stream_usage}), as text.
   */
  public Map<String, Map<String, String>> integrationSettings() {
    return integrationSettings;
  }

  /**
   * {@code weave.debug}: whether log lines carry stack traces and the agent prints its start-up
   * report (the integrations applied) on stderr.
   */
  public boolean debug() {
    return debug;
  }

  /** Lower-case keys whose values are recorded as {@code "REDACTED"} at any depth. */
  public Set<String> redactKeys() {
    return redactKeys;
  }

  /** Bound, in bytes, of trace records waiting to be exported. */
  public long maxQueueBytes() {
    return maxQueueBytes;
  }

  /**
   * Bound of the spool on disk (remote mode: calls kept while the server cannot be reached), in
   * bytes; beyond it the newest records are dropped and counted.
   */
  public long maxSpoolBytes() {
    return maxSpoolBytes;
  }

  @Override
  public String toString() {
    return "WeaveSettings{project="
        + project
        + ", mode="
        + mode
        + ", disabled="
        + disabled
        + ", serverUrl="
        + serverUrl
        + ", apiKey="
        + (apiKey == null ? "none" : "set")
        + ", localDir="
        + localDir
        + ", printCallLink="
        + printCallLink
        + ", redactKeys="
        + redactKeys
        + ", maxQueueBytes="
        + maxQueueBytes
        + ", maxSpoolBytes="
        + maxSpoolBytes
        + "}";
  }

  /**
   * The default {@code weave.max_queue_bytes} in this JVM: the smaller of {@link
   * #DEFAULT_MAX_QUEUE_BYTES} and {@link #DEFAULT_MAX_QUEUE_HEAP_PERCENT} % of {@code
   * Runtime.maxMemory()}, and at least {@link #MIN_MAX_QUEUE_BYTES}.
   */
  private static long defaultMaxQueueBytes() {
    long heap = Runtime.getRuntime().maxMemory();
    long share =
        heap == Long.MAX_VALUE
            ? DEFAULT_MAX_QUEUE_BYTES
            : heap / 100 * DEFAULT_MAX_QUEUE_HEAP_PERCENT;
    return Math.max(MIN_MAX_QUEUE_BYTES, Math.min(DEFAULT_MAX_QUEUE_BYTES, share));
  }

  /** Builds {@link WeaveSettings}; each setter validates its argument. */
  public static final class Builder {
    private String project = "default";
    private Mode mode = Mode.AUTO;
    private boolean disabled;
    private String serverUrl = DEFAULT_SERVER_URL;
    private String apiKey;
    private Path localDir = Path.of(".weave");
    private boolean printCallLink = true;
    private boolean printEveryCallLink;
    private boolean implicitlyPatchIntegrations = true;
    private Set<String> disabledIntegrations = new java.util.HashSet<>();
    private boolean debug;
    private Set<String> redactKeys = DEFAULT_REDACT_KEYS;
    private long maxQueueBytes = defaultMaxQueueBytes();
    private long maxSpoolBytes = DEFAULT_MAX_SPOOL_BYTES;
    private final Map<String, Map<String, String>> integrationSettings = new TreeMap<>();

    private Builder() {}

    /**
     * The project: {@code name} or {@code entity/name}.
     *
     * @throws IllegalArgumentException when empty or with more than one '/'
     */
    public Builder project(String project) {
      Objects.requireNonNull(project, "project");
      String p = project.trim();
      long slashes = p.chars().filter(c -> c == '/').count();
      if (p.isEmpty() || slashes > 1 || p.startsWith("/") || p.endsWith("/")) {
        throw new IllegalArgumentException(
            "weave.project: expected 'project' or 'entity/project', got '" + project + "'");
      }
      for (int i = 0; i < p.length(); i++) {
        char c = p.charAt(i);
        if (Character.isWhitespace(c) || "\\#?%:".indexOf(c) >= 0) {
          // W&B refuses these in entity and project names; refuse them before any call is made.
          throw new IllegalArgumentException(
              "weave.project: W&B entity and project names cannot contain spaces or any of"
                  + " \\ # ? % :, got '"
                  + project
                  + "'");
        }
      }
      this.project = p;
      return this;
    }

    /** Where calls go; default {@link Mode#AUTO}. */
    public Builder mode(Mode mode) {
      this.mode = Objects.requireNonNull(mode, "mode");
      return this;
    }

    /** Turns tracing off entirely. */
    public Builder disabled(boolean disabled) {
      this.disabled = disabled;
      return this;
    }

    /**
     * The trace server base URL.
     *
     * @throws IllegalArgumentException unless it is an http(s) URL
     */
    public Builder serverUrl(String serverUrl) {
      Objects.requireNonNull(serverUrl, "serverUrl");
      String s = serverUrl.trim();
      String lower = s.toLowerCase(Locale.ROOT);
      if (!(lower.startsWith("http://") || lower.startsWith("https://"))) {
        throw new IllegalArgumentException(
            "weave.server_url: expected an http:// or https:// URL, got '" + serverUrl + "'");
      }
      this.serverUrl = s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
      return this;
    }

    /** The W&amp;B API key; null or blank for none. */
    public Builder apiKey(String apiKey) {
      this.apiKey = apiKey == null || apiKey.isBlank() ? null : apiKey.trim();
      return this;
    }

    /** The local store folder; default {@code .weave} in the working directory. */
    public Builder localDir(Path localDir) {
      this.localDir = Objects.requireNonNull(localDir, "localDir");
      return this;
    }

    /**
     * Whether root calls print a link to themselves on stderr; by default the first few do. Set to
     * true explicitly, every root call does.
     */
    public Builder printCallLink(boolean printCallLink) {
      this.printCallLink = printCallLink;
      this.printEveryCallLink = printCallLink;
      return this;
    }

    /** Whether known LLM libraries are traced without code changes; default true. */
    public Builder implicitlyPatchIntegrations(boolean implicitlyPatchIntegrations) {
      this.implicitlyPatchIntegrations = implicitlyPatchIntegrations;
      return this;
    }

    /** Turns integration {@code name} on or off; all are on by default. */
    public Builder integrationEnabled(String name, boolean enabled) {
      Objects.requireNonNull(name, "name");
      if (enabled) {
        disabledIntegrations.remove(name);
      } else {
        disabledIntegrations.add(name);
      }
      return this;
    }

    /**
     * Sets {@code setting} of integration {@code name} from its text form, as the key {@code
     * weave.integrations.<name>.<setting>} does ({@code enabled}, {@code op_name}, {@code
     * call_display_name}, {@code postprocess_inputs}, {@code postprocess_output}, {@code
     * include_stream_usage}; see {@link IntegrationSettings}). A hook class is checked now when the
     * system class loader finds it.
     *
     * @throws IllegalArgumentException naming the key, for an unknown setting or a bad value
     */
    public Builder integrationSetting(String name, String setting, String value) {
      OpOverrides.checkName(name);
      Objects.requireNonNull(setting, "setting");
      if (OpOverrides.ENABLED.equals(setting)) {
        return integrationEnabled(
            name,
            SettingsLoader.parseBoolean(
                "weave.integrations." + name + "." + setting, String.valueOf(value)));
      }
      new OpOverrides.Builder(name).set(setting, value, ClassLoader.getSystemClassLoader());
      integrationSettings.computeIfAbsent(name, n -> new TreeMap<>()).put(setting, value.trim());
      return this;
    }

    /** Log stack traces and print the agent's start-up report on stderr; default false. */
    public Builder debug(boolean debug) {
      this.debug = debug;
      return this;
    }

    /** Keys (case-insensitive) whose values are recorded as {@code "REDACTED"} at any depth. */
    public Builder redactKeys(Set<String> redactKeys) {
      Objects.requireNonNull(redactKeys, "redactKeys");
      this.redactKeys =
          redactKeys.stream()
              .map(k -> k.trim().toLowerCase(Locale.ROOT))
              .filter(k -> !k.isEmpty())
              .collect(java.util.stream.Collectors.toUnmodifiableSet());
      return this;
    }

    /**
     * Bound of pending trace records in bytes.
     *
     * @throws IllegalArgumentException below {@link #MIN_MAX_QUEUE_BYTES}
     */
    public Builder maxQueueBytes(long maxQueueBytes) {
      if (maxQueueBytes < MIN_MAX_QUEUE_BYTES) {
        throw new IllegalArgumentException(
            "weave.max_queue_bytes: must be at least "
                + MIN_MAX_QUEUE_BYTES
                + " bytes, got "
                + maxQueueBytes);
      }
      this.maxQueueBytes = maxQueueBytes;
      return this;
    }

    /**
     * Bound of the spool on disk in bytes.
     *
     * @throws IllegalArgumentException below {@link #MIN_MAX_SPOOL_BYTES}
     */
    public Builder maxSpoolBytes(long maxSpoolBytes) {
      if (maxSpoolBytes < MIN_MAX_SPOOL_BYTES) {
        throw new IllegalArgumentException(
            "weave.max_spool_bytes: must be at least "
                + MIN_MAX_SPOOL_BYTES
                + " bytes, got "
                + maxSpoolBytes);
      }
      this.maxSpoolBytes = maxSpoolBytes;
      return this;
    }

    /** The settings. */
    public WeaveSettings build() {
      return new WeaveSettings(this);
    }
  }
}
