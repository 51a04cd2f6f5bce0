package dev.weave4j.integrations.genai;

import dev.weave4j.annotations.InputsPostprocessor;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Records only the model of a request (what a PII redactor set by {@code
 * weave.integrations.<name>.postprocess_inputs} would do with the messages).
 */
public final class KeepModelOnly implements InputsPostprocessor {
  @Override
  public Map<String, Object> apply(Map<String, Object> inputs) {
    Map<String, Object> kept = new LinkedHashMap<>();
    kept.put("model", inputs.get("model"));
    return kept;
  }
}
