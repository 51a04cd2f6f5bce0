package dev.weave4j.integrations.genai;

import com.google.genai.types.Candidate;
import com.google.genai.types.Content;
import com.google.genai.types.GenerateContentResponse;
import com.google.genai.types.GenerateContentResponseUsageMetadata;
import com.google.genai.types.Part;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@code generateContentStream} being folded into one response, as Weave's Python integration
 * does: the text parts of the first candidate concatenated (other parts, e.g. function calls, kept
 * in order), on the last chunk's fields, with the last usage metadata sent.
 */
final class GenAiStream {

  private final StringBuilder text = new StringBuilder();
  private final List<Part> otherParts = new ArrayList<>();
  private GenerateContentResponse last;
  private GenerateContentResponseUsageMetadata usage;

  void add(GenerateContentResponse chunk) {
    last = chunk;
    chunk.usageMetadata().ifPresent(u -> usage = u);
    List<Candidate> candidates = chunk.candidates().orElse(List.of());
    if (candidates.isEmpty()) {
      return;
    }
    for (Part p : candidates.get(0).content().flatMap(Content::parts).orElse(List.of())) {
      if (p.text().isPresent() && !p.thought().orElse(false)) {
        text.append(p.text().get());
      } else {
        otherParts.add(p);
      }
    }
  }

  /** The folded response, or null before the first chunk. */
  GenerateContentResponse response() {
    if (last == null) {
      return null;
    }
    List<Part> parts = new ArrayList<>();
    if (text.length() > 0) {
      parts.add(Part.builder().text(text.toString()).build());
    }
    parts.addAll(otherParts);
    GenerateContentResponse.Builder b = last.toBuilder();
    List<Candidate> candidates = last.candidates().orElse(List.of());
    if (!candidates.isEmpty()) {
      Candidate first = candidates.get(0);
      Content content = Content.builder().role("model").parts(parts).build();
      List<Candidate> merged = new ArrayList<>(candidates);
      merged.set(0, first.toBuilder().content(content).build());
      b.candidates(merged);
    }
    if (usage != null) {
      b.usageMetadata(usage);
    }
    return b.build();
  }
}
