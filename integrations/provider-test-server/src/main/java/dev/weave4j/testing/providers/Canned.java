package dev.weave4j.testing.providers;

import java.util.List;

/**
 * The values every provider answer of the {@link ProviderTestServer} is made of (tests assert
 * them).
 */
public final class Canned {

  /** The answer's text, in the pieces a stream sends. */
  public static final List<String> TEXT_PIECES =
      List.of("Hello", " from", " the", " test", " server.");

  /** The whole answer text. */
  public static final String TEXT = String.join("", TEXT_PIECES);

  /** Token counts: prompt/input, completion/output, total, cached input, reasoning. */
  public static final int PROMPT_TOKENS = 11;

  public static final int COMPLETION_TOKENS = 7;
  public static final int TOTAL_TOKENS = 18;
  public static final int CACHED_TOKENS = 3;
  public static final int REASONING_TOKENS = 2;

  /** The arguments of the tool call answered when the request offers tools, and their pieces. */
  public static final String TOOL_ARGUMENTS = "{\"city\":\"Paris\"}";

  public static final List<String> TOOL_ARGUMENT_PIECES = List.of("{\"ci", "ty\":\"Pa", "ris\"}");

  /** The id of that tool call. */
  public static final String TOOL_CALL_ID = "call_test1";

  /** The embedding returned for each input. */
  public static final List<Float> EMBEDDING = List.of(0.25f, -0.5f, 0.75f);

  private Canned() {}

  /** The model a response names for a requested model (providers answer with a dated version). */
  public static String responseModel(String requested) {
    return requested + "-2025-01-01";
  }

  /** The provider's error message for a failing scenario (tests expect it in the call). */
  public static String errorMessage(int status) {
    return switch (status) {
      case 400 -> "Invalid value for 'temperature': must be between 0 and 2 (test server).";
      case 429 -> "Rate limit reached for requests (test server).";
      default -> "The server had an error while processing your request (test server).";
    };
  }
}
