package dev.weave4j.internal.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weave4j.WeaveSettings;
import dev.weave4j.internal.remote.CallLinks;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code Call.uiUrl()}: nothing in local mode, the W&B Weave UI page for W&B servers (and any
 * server that is not weave4j's), and the viewer page of {@code serve}.
 */
class CallUiUrlTest {

  @TempDir Path dir;

  private static WeaveSettings remote(String serverUrl) {
    return WeaveSettings.builder()
        .mode(WeaveSettings.Mode.REMOTE)
        .project("acme/qa")
        .serverUrl(serverUrl)
        .apiKey("k")
        .build();
  }

  @Test
  void localModeHasNoPage() {
    WeaveSettings local =
        WeaveSettings.builder().mode(WeaveSettings.Mode.LOCAL).project("acme/qa").build();
    assertThat(new CallLinks(local).uiUrl("c1")).isEmpty();
  }

  @Test
  void theDefaultServerLinksToTheWandbUi() {
    assertThat(new CallLinks(remote(WeaveSettings.DEFAULT_SERVER_URL)).uiUrl("c1"))
        .contains("https://wandb.ai/acme/qa/r/call/c1");
  }

  @Test
  void aServerThatIsNotServeLinksToTheUiAtItsBase() throws IOException {
    String dead;
    try (ServerSocket probe = new ServerSocket(0)) {
      dead = "http://127.0.0.1:" + probe.getLocalPort();
    }
    assertThat(new CallLinks(remote(dead + "/traces")).uiUrl("c1"))
        .contains(dead + "/acme/qa/r/call/c1");
  }

  @Test
  void serveLinksToItsViewerPage() {
    try (TraceServer server =
        new TraceServer(new ServeOptions("127.0.0.1", 0, null, dir, FaultOptions.NONE), "test")) {
      server.start();
      assertThat(new CallLinks(remote(server.url() + "/")).uiUrl("c1"))
          .contains(server.url() + "/#/acme/qa/call/c1");
    }
  }
}
