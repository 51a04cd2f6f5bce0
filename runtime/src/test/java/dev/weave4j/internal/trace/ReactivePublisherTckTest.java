package dev.weave4j.internal.trace;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.reactivestreams.Publisher;
import org.reactivestreams.example.unicast.AsyncIterablePublisher;
import org.reactivestreams.tck.PublisherVerification;
import org.reactivestreams.tck.TestEnvironment;
import org.testng.annotations.AfterClass;
import org.testng.annotations.BeforeClass;
import org.testng.annotations.Test;

/**
 * The Reactive Streams TCK (TestNG, run on the JUnit Platform) for the traced {@code
 * org.reactivestreams.Publisher} (a proxy made by {@link ReactivePublishers}) around the TCK
 * examples' asynchronous publisher.
 */
public class ReactivePublisherTckTest extends PublisherVerification<Integer> {

  private final StreamingSupport t = new StreamingSupport();
  private final TestEnvironment env;
  private ExecutorService executor;

  public ReactivePublisherTckTest() {
    this(new TestEnvironment(TckSupport.TIMEOUT_MILLIS));
  }

  private ReactivePublisherTckTest(TestEnvironment env) {
    super(env);
    this.env = env;
  }

  @Override
  @Test
  public void
      required_spec313_cancelMustMakeThePublisherEventuallyDropAllReferencesToTheSubscriber()
          throws Throwable {
    TckSupport.cancelDropsTheSubscriber(this, env);
  }

  @BeforeClass
  public void startExecutor() {
    executor = Executors.newFixedThreadPool(2);
  }

  @AfterClass
  public void stopExecutor() {
    executor.shutdownNow();
    TckSupport.endedAtMostOnce(t);
  }

  @Override
  public Publisher<Integer> createPublisher(long elements) {
    return t.op(
        "tck",
        ReturnShape.REACTIVE_PUBLISHER,
        () -> new AsyncIterablePublisher<>(TckSupport.values(elements), executor));
  }

  @Override
  public Publisher<Integer> createFailedPublisher() {
    return t.op(
        "tckFailed",
        ReturnShape.REACTIVE_PUBLISHER,
        () -> new AsyncIterablePublisher<>(TckSupport.failing(), executor));
  }
}
