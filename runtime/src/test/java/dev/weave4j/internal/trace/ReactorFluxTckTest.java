package dev.weave4j.internal.trace;

import org.reactivestreams.Publisher;
import org.reactivestreams.tck.PublisherVerification;
import org.reactivestreams.tck.TestEnvironment;
import org.testng.annotations.AfterClass;
import org.testng.annotations.Test;
import reactor.core.publisher.Flux;

/**
 * The Reactive Streams TCK (TestNG, run on the JUnit Platform) for the {@code Flux} an op declared
 * to return {@code Flux} hands its caller: Reactor's {@code Flux.from} of the traced publisher.
 */
public class ReactorFluxTckTest extends PublisherVerification<Integer> {

  private final StreamingSupport t = new StreamingSupport();
  private final TestEnvironment env;

  public ReactorFluxTckTest() {
    this(new TestEnvironment(TckSupport.TIMEOUT_MILLIS));
  }

  private ReactorFluxTckTest(TestEnvironment env) {
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

  @AfterClass
  public void everyCallEndedAtMostOnce() {
    TckSupport.endedAtMostOnce(t);
  }

  @Override
  public Publisher<Integer> createPublisher(long elements) {
    return t.op("tckFlux", ReturnShape.FLUX, () -> Flux.fromIterable(TckSupport.values(elements)));
  }

  @Override
  public Publisher<Integer> createFailedPublisher() {
    return t.op(
        "tckFluxFailed",
        ReturnShape.FLUX,
        () -> Flux.<Integer>error(new IllegalStateException("failed publisher (TCK)")));
  }
}
