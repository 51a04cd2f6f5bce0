package dev.weave4j.it.apps;

import dev.weave4j.annotations.WeaveOp;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * Against a {@code SilentServer} on port {@code args[0]}: makes traced calls until the server has
 * received a request from the agent (which it never answers), then {@code args[1]} more, then tells
 * the server it is done and prints {@code done N}. Exit code 3 when no request arrived within
 * {@code 10^7} calls.
 */
public final class NetworkStuckApp {

  private NetworkStuckApp() {}

  public static void main(String[] args) throws IOException {
    int port = Integer.parseInt(args[0]);
    int more = Integer.parseInt(args[1]);
    int made = 0;
    while (command(port, "PROBE") == 0) {
      for (int i = 0; i < 100; i++) {
        Work.step(made++);
      }
      if (made >= 10_000_000) {
        System.out.println("no request reached the server after " + made + " calls");
        System.exit(3);
      }
    }
    for (int i = 0; i < more; i++) {
      Work.step(made++);
    }
    command(port, "DONE");
    System.out.println("done " + more);
  }

  static final class Work {

    private Work() {}

    @WeaveOp
    static String step(int i) {
      return "step " + i;
    }
  }

  private static int command(int port, String command) throws IOException {
    try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
      OutputStream out = s.getOutputStream();
      out.write((command + "\n").getBytes(StandardCharsets.US_ASCII));
      out.flush();
      if (!command.equals("PROBE")) {
        return 0;
      }
      String line =
          new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII))
              .readLine();
      return Integer.parseInt(line.trim());
    }
  }
}
