package dev.weave4j.internal.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.weave4j.internal.util.JsonMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * {@code include_costs}: {@code summary.weave.costs[model]} from the call's {@code summary.usage}
 * and the price table shipped with {@code serve} ({@code llm-prices.json}), in upstream's {@code
 * LLMCostSchema} shape. Models not in the table get no cost, as upstream does for unknown models.
 */
final class Costs {

  private static final Pattern DATE_SUFFIX = Pattern.compile("-\\d{4}-\\d{2}-\\d{2}$|-\\d{8}$");
  private static final JsonNode PRICES = load();

  private Costs() {}

  private static JsonNode load() {
    try (InputStream in = Costs.class.getResourceAsStream("llm-prices.json")) {
      if (in == null) {
        throw new IllegalStateException("llm-prices.json is missing from the jar");
      }
      return JsonMapper.get().readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Adds {@code summary.weave.costs} to {@code call} when its usage names known models. */
  static void add(ObjectNode call) {
    JsonNode usage = call.path("summary").path("usage");
    if (!usage.isObject() || !(call.get("summary") instanceof ObjectNode summary)) {
      return;
    }
    ObjectNode costs = null;
    for (Iterator<Map.Entry<String, JsonNode>> it = usage.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      JsonNode price = price(e.getKey());
      if (price == null) {
        continue;
      }
      JsonNode u = e.getValue();
      long prompt = tokens(u, "prompt_tokens", "input_tokens");
      long completion = tokens(u, "completion_tokens", "output_tokens");
      double promptCost = price.path("prompt_token_cost").asDouble();
      double completionCost = price.path("completion_token_cost").asDouble();
      if (costs == null) {
        JsonNode weave = summary.get("weave");
        ObjectNode w = weave instanceof ObjectNode o ? o : summary.putObject("weave");
        costs = w.putObject("costs");
      }
      ObjectNode c = costs.putObject(e.getKey());
      c.put("prompt_tokens", prompt);
      c.put("completion_tokens", completion);
      c.put("requests", u.path("requests").asLong(1));
      c.put("total_tokens", u.path("total_tokens").asLong(prompt + completion));
      c.put("prompt_tokens_total_cost", prompt * promptCost);
      c.put("completion_tokens_total_cost", completion * completionCost);
      c.put("prompt_token_cost", promptCost);
      c.put("completion_token_cost", completionCost);
      c.put("prompt_token_cost_unit", "USD");
      c.put("completion_token_cost_unit", "USD");
      c.put("effective_date", price.path("effective_date").asText());
      c.put("provider_id", price.path("provider_id").asText());
      c.put("pricing_level", "default");
      c.put("pricing_level_id", "default");
      c.put("created_at", price.path("effective_date").asText());
      c.put("created_by", "weave4j");
    }
  }

  /** The price of a model: by name, without a provider prefix, or without a date suffix. */
  private static JsonNode price(String model) {
    String name = model.substring(model.lastIndexOf('/') + 1);
    JsonNode p = PRICES.get(name);
    if (p == null) {
      p = PRICES.get(DATE_SUFFIX.matcher(name).replaceFirst(""));
    }
    if (p == null && name.endsWith("-latest")) {
      p = PRICES.get(name.substring(0, name.length() - "-latest".length()));
    }
    return p != null && p.isObject() ? p : null;
  }

  private static long tokens(JsonNode usage, String name, String alias) {
    return usage.has(name) ? usage.path(name).asLong() : usage.path(alias).asLong();
  }
}
