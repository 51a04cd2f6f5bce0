package dev.weave4j.internal.remote;

import dev.weave4j.WeaveSettings;
import dev.weave4j.internal.client.AuthHeaders;
import java.nio.file.Path;

/**
 * Internal, unstable. Where and as whom to send: the trace server's base URL, the {@code
 * entity/project}, the {@code Authorization} header value and the spool folder. The header is never
 * part of {@link #toString()}.
 */
public final class ServerConfig {

  private final String baseUrl;
  private final String entity;
  private final String project;
  private final String authorization;
  private final Path spoolDir;

  ServerConfig(String baseUrl, String entity, String project, String apiKey, Path spoolDir) {
    this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    this.entity = entity;
    this.project = project;
    this.authorization = apiKey == null ? null : authorization(apiKey);
    this.spoolDir = spoolDir;
  }

  /**
   * The remote configuration of {@code settings}.
   *
   * @throws IllegalArgumentException naming the key, when the project has no entity, or no API key
   *     is known for W&amp;B's own servers (another server, such as {@code serve}, says with a 401
   *     when it wants one)
   */
  public static ServerConfig of(WeaveSettings settings) {
    if (!settings.project().contains("/")) {
      throw new IllegalArgumentException(
          "weave.project: remote export needs 'entity/project' (your W&B user or team name, then"
              + " the project), got '"
              + settings.project()
              + "'; set weave.project=<entity>/"
              + settings.project()
              + " (or WANDB_ENTITY), or weave.mode=local to record to the local store");
    }
    if (settings.apiKey() == null && isWandbHost(settings.serverUrl())) {
      throw new IllegalArgumentException(
          "weave.api_key: weave.mode=remote needs a W&B API key: set WANDB_API_KEY or"
              + " weave.api_key, or run `wandb login` (~/.netrc); find your key at"
              + " https://wandb.ai/authorize");
    }
    return new ServerConfig(
        settings.serverUrl(),
        settings.entity(),
        settings.projectName(),
        settings.apiKey(),
        spoolDir(settings.localDir(), settings.entity(), settings.projectName()));
  }

  private static boolean isWandbHost(String serverUrl) {
    String host = java.net.URI.create(serverUrl).getHost();
    return host != null && (host.equals("wandb.ai") || host.endsWith(".wandb.ai"));
  }

  /** For {@code sync} and tests: an explicit server, project and key (null for none). */
  public static ServerConfig of(
      String baseUrl, String entity, String project, String apiKey, Path localDir) {
    return new ServerConfig(baseUrl, entity, project, apiKey, spoolDir(localDir, entity, project));
  }

  /** {@code <local_dir>/spool/<entity>/<project>}. */
  public static Path spoolDir(Path localDir, String entity, String project) {
    return localDir.resolve("spool").resolve(entity).resolve(project);
  }

  /** Basic {@code api:<key>}, or Bearer for {@code wb_at_} access tokens, as the Python SDK. */
  static String authorization(String apiKey) {
    return AuthHeaders.forApiKey(apiKey);
  }

  String baseUrl() {
    return baseUrl;
  }

  /** {@code entity/project}, the wire project id. */
  public String projectId() {
    return entity + "/" + project;
  }

  String entity() {
    return entity;
  }

  String project() {
    return project;
  }

  /** The Authorization header value, or null. */
  String authorization() {
    return authorization;
  }

  /** This project's spool folder. */
  public Path spoolDir() {
    return spoolDir;
  }

  @Override
  public String toString() {
    return "ServerConfig{" + baseUrl + ", " + projectId() + ", spool=" + spoolDir + "}";
  }
}
