package dev.weave4j.it.harness;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A trace server that accepts connections and reads requests but never answers one, logging in
 * order what happened on its connections: an HTTP request arrived ({@link #REQUEST}), the client
 * gave up on a connection ({@link #ABANDONED}), or the app said it was done ({@link #APP_DONE}).
 *
 * <p>The app talks to it over the same port with one-line commands instead of HTTP: {@code PROBE}
 * answers the number of HTTP requests received so far; {@code DONE} logs {@link #APP_DONE}. Since
 * no request is ever answered, an app thread that waited for the network could only go on once its
 * client abandoned the connection: a log with a request and no abandoned connection before {@code
 * APP_DONE} proves the app finished its calls while the network was stuck.
 */
public final class SilentServer implements AutoCloseable {

  public static final String REQUEST = "request";
  public static final String ABANDONED = "abandoned";
  public static final String APP_DONE = "app done";

  private final ServerSocket socket;
  private final List<String> events = new CopyOnWriteArrayList<>();
  private final List<Socket> held = new CopyOnWriteArrayList<>();
  private final AtomicInteger requests = new AtomicInteger();

  private SilentServer(ServerSocket socket) {
    this.socket = socket;
  }

  /** Starts listening on a free loopback port. */
  public static SilentServer start() {
    try {
      SilentServer s = new SilentServer(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()));
      Thread t = new Thread(s::accept, "silent-server");
      t.setDaemon(true);
      t.start();
      return s;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public String url() {
    return "http://127.0.0.1:" + socket.getLocalPort();
  }

  public int port() {
    return socket.getLocalPort();
  }

  /** What happened, in order. */
  public List<String> events() {
    return new ArrayList<>(events);
  }

  private void accept() {
    while (!socket.isClosed()) {
      try {
        Socket c = socket.accept();
        held.add(c);
        Thread t = new Thread(() -> serve(c), "silent-connection");
        t.setDaemon(true);
        t.start();
      } catch (IOException e) {
        return; // closed
      }
    }
  }

  private void serve(Socket c) {
    try (InputStream in = c.getInputStream()) {
      byte[] buf = new byte[8192];
      int n = in.read(buf);
      if (n <= 0) {
        return;
      }
      String head = new String(buf, 0, n, StandardCharsets.ISO_8859_1);
      if (head.startsWith("PROBE")) {
        try (OutputStream out = c.getOutputStream()) {
          out.write((requests.get() + "\n").getBytes(StandardCharsets.US_ASCII));
        }
        return;
      }
      if (head.startsWith("DONE")) {
        events.add(APP_DONE);
        return;
      }
      // HTTP (keep-alive): every later request on this connection stays unanswered too
      requests.incrementAndGet();
      events.add(REQUEST);
      while (in.read(buf) >= 0) {
        // read and ignore
      }
      events.add(ABANDONED);
    } catch (IOException e) {
      if (!socket.isClosed()) {
        events.add(ABANDONED);
      }
    }
  }

  @Override
  public void close() {
    try {
      socket.close();
    } catch (IOException e) {
      // closing anyway
    }
    for (Socket c : held) {
      try {
        c.close();
      } catch (IOException e) {
        // closing anyway
      }
    }
  }
}
