package dev.weave4j.internal.trace;

import org.reactivestreams.Publisher;
import org.reactivestreams.tck.PublisherVerification;
import org.reactivestreams.tck.TestEnvironment;
import org.testng.annotations.AfterClass;
import reactor.core.publisher.Flux;

/**
 * The Reactive Streams TCK (TestNG, run on the JUnit Platform) for the {@code Flux} an op declared
 * to return {@code Flux} hands its caller: Reactor's {@code Flux.from} of the traced publisher.
 */
public class ReactorFluxTckTest extends PublisherVerification<Integer> {

  private final StreamingSupport t = new StreamingSupport();

  public ReactorFluxTckTest() {
    super(new TestEnvironment(TckSupport.TIMEOUT_MILLIS));
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
