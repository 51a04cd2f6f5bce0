package dev.weave4j.internal.trace;

import dev.weave4j.annotations.CallInfo;
import dev.weave4j.internal.serialize.Redactor;
import java.util.Map;

/**
 * Internal, unstable. A call as user code sees it (display-name templates and functions): its
 * inputs and attributes with secret values replaced, as they are recorded.
 */
final class RedactedCallInfo implements CallInfo {

  private final CallInfo call;
  private final Redactor redactor;

  RedactedCallInfo(CallInfo call, Redactor redactor) {
    this.call = call;
    this.redactor = redactor;
  }

  @Override
  public String id() {
    return call.id();
  }

  @Override
  public String traceId() {
    return call.traceId();
  }

  @Override
  public String parentId() {
    return call.parentId();
  }

  @Override
  public String opName() {
    return call.opName();
  }

  @Override
  public String funcName() {
    return call.funcName();
  }

  @Override
  public Map<String, Object> inputs() {
    return redactor.redact(call.inputs());
  }

  @Override
  public Map<String, Object> attributes() {
    return redactor.redact(call.attributes());
  }
}
