package dev.weave4j.annotations;

import java.util.Map;

/** Read-only view of a call as hooks see it. Values are never null except {@link #parentId()}. */
public interface CallInfo {

  /** The call id (a UUIDv7 string). */
  String id();

  /** The id of the root call of this call's tree. */
  String traceId();

  /** The id of the parent call, or null for a root call. */
  String parentId();

  /** The op name, e.g. {@code Retriever.retrieve}. */
  String opName();

  /** The name of the Java method that was called. */
  String funcName();

  /** The inputs by parameter name, as the method received them (not yet serialized). */
  Map<String, Object> inputs();

  /** The attributes the call was started with; frozen. */
  Map<String, Object> attributes();
}
