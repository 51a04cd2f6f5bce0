package dev.weave4j.it.apps;

/**
 * A short job: {@code args[0]} root calls (each with one child, as {@link RemoteApp}), one every
 * {@code args[1]} milliseconds; prints {@code done N}.
 */
public final class PacedApp {

  private PacedApp() {}

  public static void main(String[] args) throws InterruptedException {
    int n = Integer.parseInt(args[0]);
    long pause = Long.parseLong(args[1]);
    for (int i = 0; i < n; i++) {
      RemoteApp.run(i);
      Thread.sleep(pause);
    }
    System.out.println("done " + n);
  }
}
