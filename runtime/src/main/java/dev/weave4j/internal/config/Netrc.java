package dev.weave4j.internal.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Internal, unstable. Reads the password of one machine from a {@code .netrc} file, as {@code wandb
 * login} writes it ({@code machine api.wandb.ai login user password <key>}). Errors read as "no
 * entry": a missing or unreadable file never stops start-up.
 */
final class Netrc {

  private Netrc() {}

  /** The netrc file: {@code $NETRC}, else {@code ~/.netrc}, else {@code ~/_netrc}; or null. */
  static Path locate(String netrcEnv, String home) {
    if (netrcEnv != null && !netrcEnv.isBlank()) {
      return Path.of(netrcEnv);
    }
    if (home == null || home.isBlank()) {
      return null;
    }
    Path dot = Path.of(home, ".netrc");
    return Files.isRegularFile(dot) ? dot : Path.of(home, "_netrc");
  }

  /** The password for {@code host} in {@code file}, or null. */
  static String password(Path file, String host) {
    if (file == null || host == null || !Files.isRegularFile(file)) {
      return null;
    }
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException | RuntimeException e) {
      return null;
    }
    return password(text, host);
  }

  /** The password for {@code host} in netrc {@code text}, or null; {@code default} applies last. */
  static String password(String text, String host) {
    String[] tokens = text.trim().split("\\s+");
    String wanted = host.toLowerCase(Locale.ROOT);
    String current = null;
    boolean inDefault = false;
    String defaultPassword = null;
    for (int i = 0; i < tokens.length; i++) {
      switch (tokens[i]) {
        case "machine" -> {
          current = i + 1 < tokens.length ? tokens[++i].toLowerCase(Locale.ROOT) : null;
          inDefault = false;
        }
        case "default" -> {
          current = null;
          inDefault = true;
        }
        case "password" -> {
          String value = i + 1 < tokens.length ? tokens[++i] : null;
          if (wanted.equals(current)) {
            return value;
          }
          if (inDefault) {
            defaultPassword = value;
          }
        }
        case "login", "account" -> i++;
        default -> {
          // macdef bodies and unknown tokens are skipped
        }
      }
    }
    return defaultPassword;
  }
}
