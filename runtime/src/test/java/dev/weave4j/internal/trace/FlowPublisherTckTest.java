package dev.weave4j.internal.trace;

import java.util.concurrent.Flow;
import org.reactivestreams.FlowAdapters;
import org.reactivestreams.example.unicast.RangePublisher;
import org.reactivestreams.tck.TestEnvironment;
import org.reactivestreams.tck.flow.FlowPublisherVerification;
import org.testng.annotations.AfterClass;
import org.testng.annotations.Test;

/**
 * The Reactive Streams TCK for {@code java.util.concurrent.Flow} (TestNG, run on the JUnit
 * Platform) for {@link TracedPublisher} around the TCK examples' synchronous range publisher.
 */
public class FlowPublisherTckTest extends FlowPublisherVerification<Integer> {

  private final StreamingSupport t = new StreamingSupport();
  private final TestEnvironment env;

  public FlowPublisherTckTest() {
    this(new TestEnvironment(TckSupport.TIMEOUT_MILLIS));
  }

  private FlowPublisherTckTest(TestEnvironment env) {
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
  public Flow.Publisher<Integer> createFlowPublisher(long elements) {
    int count = (int) Math.min(elements, Integer.MAX_VALUE);
    return t.op(
        "tckFlow",
        ReturnShape.FLOW_PUBLISHER,
        () -> FlowAdapters.toFlowPublisher(new RangePublisher(0, count)));
  }

  @Override
  public Flow.Publisher<Integer> createFailedFlowPublisher() {
    return t.op(
        "tckFlowFailed",
        ReturnShape.FLOW_PUBLISHER,
        () ->
            subscriber ->
                FlowAdapters.toFlowPublisher(
                        reactor.core.publisher.Flux.<Integer>error(
                            new IllegalStateException("failed publisher (TCK)")))
                    .subscribe(subscriber));
  }

  @Override
  public long maxElementsFromPublisher() {
    return Integer.MAX_VALUE;
  }
}
