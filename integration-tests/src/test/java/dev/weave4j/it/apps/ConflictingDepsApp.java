package dev.weave4j.it.apps;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.weave4j.annotations.WeaveOp;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.ClassFileVersion;
import net.bytebuddy.dynamic.loading.ClassLoadingStrategy;
import net.bytebuddy.implementation.FixedValue;
import net.bytebuddy.matcher.ElementMatchers;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.core5.util.Timeout;

/**
 * Uses its own (older) Jackson, HttpClient 5 and Byte Buddy, the libraries the agent shades in,
 * from inside traced ops. It prints which jar each library came from, to show it got its own.
 */
public final class ConflictingDepsApp {

  private ConflictingDepsApp() {}

  public static void main(String[] args) throws Exception {
    System.out.println("jackson " + com.fasterxml.jackson.databind.cfg.PackageVersion.VERSION);
    System.out.println("jackson from " + jarOf(ObjectMapper.class));
    System.out.println("byte buddy from " + jarOf(ByteBuddy.class));
    System.out.println("httpclient from " + jarOf(HttpClients.class));
    System.out.println("json: " + jsonRoundTrip("widget", 3));
    System.out.println("http: " + httpClientLifecycle(5));
    System.out.println("generated: " + generateClass("hi from byte buddy"));
  }

  @WeaveOp
  static String jsonRoundTrip(String name, int count) throws Exception {
    ObjectMapper mapper = new ObjectMapper();
    Map<String, Object> value = new LinkedHashMap<>();
    value.put("name", name);
    value.put("count", count);
    value.put("tags", List.of("a", "b"));
    String text = mapper.writeValueAsString(value);
    Map<?, ?> back = mapper.readValue(text, Map.class);
    return text + " -> " + back;
  }

  @WeaveOp
  static String httpClientLifecycle(int timeoutSeconds) throws Exception {
    RequestConfig config =
        RequestConfig.custom().setConnectTimeout(Timeout.ofSeconds(timeoutSeconds)).build();
    String kind;
    try (CloseableHttpClient client =
        HttpClients.custom().setDefaultRequestConfig(config).build()) {
      kind = client.getClass().getSimpleName();
    }
    return kind + " built and closed";
  }

  @WeaveOp
  static String generateClass(String greeting) throws Exception {
    Class<?> type =
        new ByteBuddy(ClassFileVersion.JAVA_V8)
            .subclass(Object.class)
            .name("dev.weave4j.it.apps.GeneratedByAppByteBuddy")
            .method(ElementMatchers.named("toString"))
            .intercept(FixedValue.value(greeting))
            .make()
            .load(ConflictingDepsApp.class.getClassLoader(), ClassLoadingStrategy.Default.WRAPPER)
            .getLoaded();
    return type.getDeclaredConstructor().newInstance().toString();
  }

  private static String jarOf(Class<?> type) throws Exception {
    return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI())
        .getFileName()
        .toString();
  }
}
