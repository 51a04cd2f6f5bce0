package dev.weave4j.internal.remote;

import java.io.IOException;

/**
 * Internal, unstable. The HTTP requests weave4j makes of a Weave trace server; one call is one
 * attempt (retries are the caller's). Connection errors and timeouts are {@link IOException}s.
 */
interface TraceServer extends AutoCloseable {

  /** POST {@code path} with a JSON body; {@code retryId} is sent as {@code X-Weave-Retry-Id}. */
  Response postJson(String path, byte[] json, String retryId) throws IOException;

  /** POST {@code path} as a multipart form: text fields and one file part named {@code file}. */
  Response postFile(String path, java.util.Map<String, String> fields, String fileName, byte[] file)
      throws IOException;

  /**
   * POST {@code path} with an OTLP/HTTP body: protobuf, already gzipped ({@code Content-Encoding:
   * gzip}).
   */
  Response postOtlp(String path, byte[] gzippedProtobuf) throws IOException;

  /** GET {@code path}. */
  Response get(String path) throws IOException;

  /**
   * Aborts the requests in flight (they fail with an {@link IOException}): at exit, once the flush
   * deadline has passed, a server that never answers must not hold the application up.
   */
  default void abortRequests() {}

  @Override
  void close();
}
