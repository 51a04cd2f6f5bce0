package dev.weave4j.benchmarks;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.http.StreamResponse;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Locale;

/**
 * openai-java chat completions against a local provider server ({@code args[0]}), timed on the
 * calling thread: {@code args[1]} warm-up rounds, then {@code args[2]} plain calls and {@code
 * args[3]} streams. Run with and without the agent by {@link LlmSdkHarness}; prints {@code
 * key=value} lines: the median plain call, and the time spent per streamed chunk between the first
 * chunk and the end of the stream (the SDK's parsing plus, under the agent, the tracing).
 */
public final class LlmSdkApp {

  private LlmSdkApp() {}

  public static void main(String[] args) {
    int warmup = Integer.parseInt(args[1]);
    int calls = Integer.parseInt(args[2]);
    int streams = Integer.parseInt(args[3]);
    OpenAIClient client =
        OpenAIOkHttpClient.builder().baseUrl(args[0]).apiKey("sk-bench").maxRetries(0).build();
    ChatCompletionCreateParams params =
        ChatCompletionCreateParams.builder()
            .model("gpt-4o-mini")
            .addUserMessage("Say hello.")
            .build();
    for (int i = 0; i < warmup; i++) {
      client.chat().completions().create(params);
      stream(client, params, new long[2]);
    }
    long[] plain = new long[calls];
    for (int i = 0; i < calls; i++) {
      long t0 = System.nanoTime();
      client.chat().completions().create(params);
      plain[i] = System.nanoTime() - t0;
    }
    long[] chunkTime = new long[2];
    for (int i = 0; i < streams; i++) {
      stream(client, params, chunkTime);
    }
    Arrays.sort(plain);
    System.out.printf(Locale.ROOT, "plain_median_ns=%d%n", plain[calls / 2]);
    System.out.printf(Locale.ROOT, "chunks=%d%n", chunkTime[1]);
    System.out.printf(Locale.ROOT, "chunk_ns=%.1f%n", (double) chunkTime[0] / chunkTime[1]);
    client.close();
  }

  /** Consumes one stream; adds the nanoseconds after its first chunk and the chunks after it. */
  private static void stream(OpenAIClient client, ChatCompletionCreateParams p, long[] sums) {
    try (StreamResponse<ChatCompletionChunk> s = client.chat().completions().createStreaming(p)) {
      Iterator<ChatCompletionChunk> it = s.stream().iterator();
      if (!it.hasNext()) {
        return;
      }
      it.next();
      long t0 = System.nanoTime();
      int n = 0;
      while (it.hasNext()) {
        it.next();
        n++;
      }
      sums[0] += System.nanoTime() - t0;
      sums[1] += n;
    }
  }
}
