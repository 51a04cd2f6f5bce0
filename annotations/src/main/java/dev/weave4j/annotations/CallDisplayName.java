package dev.weave4j.annotations;

/**
 * Computes a call's display name when the call starts. Implementations need a public no-arg
 * constructor; one instance is made per op. Throwing leaves the call without a custom name.
 */
@FunctionalInterface
public interface CallDisplayName {

  /** The display name for {@code call}, or null for none. */
  String displayName(CallInfo call);

  /** Marker for "no function". */
  final class None implements CallDisplayName {
    @Override
    public String displayName(CallInfo call) {
      return null;
    }
  }
}
