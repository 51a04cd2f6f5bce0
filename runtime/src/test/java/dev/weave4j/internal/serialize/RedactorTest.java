package dev.weave4j.internal.serialize;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weave4j.WeaveSettings;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RedactorTest {

  private final Redactor defaults = new Redactor(WeaveSettings.DEFAULT_REDACT_KEYS);

  @ParameterizedTest
  @ValueSource(
      strings = {
        "api_key",
        "apiKey",
        "API_KEY",
        "APIKEY",
        "openai_api_key",
        "OPENAI_API_KEY",
        "openaiApiKey",
        "openaiAPIKey",
        "x-api-key",
        "X-Api-Key",
        "client_secret",
        "clientSecret",
        "aws_secret_access_key",
        "access_token",
        "X-Access-Token",
        "refresh_token",
        "cookie",
        "Set-Cookie",
        "password",
        "db.password",
        "Authorization",
        "proxy authorization",
        "auth_headers"
      })
  void secretsAreRecognizedByTheirKeyWords(String key) {
    assertThat(defaults.matches(key)).as(key).isTrue();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "max_tokens",
        "prompt_tokens",
        "total_tokens",
        "input_tokens",
        "output_tokens",
        "token_count",
        "maxTokens",
        "keyboard",
        "monkey",
        "api",
        "key",
        "passwords_checked",
        "password_length",
        "api_key_id",
        "cookies_enabled",
        "secretary",
        "model",
        ""
      })
  void otherKeysStayReadable(String key) {
    assertThat(defaults.matches(key)).as(key).isFalse();
  }

  @Test
  void aConfiguredKeyMatchesTheLastWholeWordsOnly() {
    Redactor r = new Redactor(List.of("Pass-Word", "token"));
    assertThat(r.matches("user_password")).isTrue();
    assertThat(r.matches("userPassWord")).isTrue();
    assertThat(r.matches("user_token")).isTrue(); // "token" was asked for as a word
    assertThat(r.matches("token_count")).isFalse(); // a count of tokens
    assertThat(r.matches("max_tokens")).isFalse();
    assertThat(r.matches("passwordless")).isFalse();
  }

  @Test
  void redactingACopyReplacesSecretsAtAnyDepth() {
    Map<String, Object> out =
        defaults.redact(Map.of("user", "ada", "auth", Map.of("openai_api_key", "sk-1")));
    assertThat(out).containsEntry("user", "ada");
    assertThat(out.get("auth")).isEqualTo(Map.of("openai_api_key", Redactor.REDACTED));
  }
}
