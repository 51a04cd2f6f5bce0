package dev.weave4j.internal.server;

import java.util.regex.Pattern;

/**
 * The id and name rules of the real trace server, so that what {@code serve} accepts W&B accepts
 * too: call, trace and parent ids are UUIDs, object ids are {@code [A-Za-z0-9_.-]} up to 128
 * characters, display names up to 1024. A broken rule is a 400 with {@code {"reason": ...}}.
 */
final class RequestIds {

  static final int MAX_OBJECT_ID = 128;
  static final int MAX_DISPLAY_NAME = 1024;
  private static final Pattern OBJECT_ID = Pattern.compile("[A-Za-z0-9_.-]{1,128}");

  private RequestIds() {}

  /** A UUID in its hyphenated form, or as 32 hexadecimal digits (as Python's uuid.UUID reads). */
  static boolean isUuid(String s) {
    if (s == null) {
      return false;
    }
    if (s.length() == 32) {
      return hex(s, 0, 32);
    }
    return s.length() == 36
        && s.charAt(8) == '-'
        && s.charAt(13) == '-'
        && s.charAt(18) == '-'
        && s.charAt(23) == '-'
        && hex(s, 0, 8)
        && hex(s, 9, 13)
        && hex(s, 14, 18)
        && hex(s, 19, 23)
        && hex(s, 24, 36);
  }

  private static boolean hex(String s, int from, int to) {
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))) {
        return false;
      }
    }
    return true;
  }

  /** {@code value} (a call, trace or parent id; null passes) must be a UUID. */
  static void callId(String field, String value) {
    if (value != null && !isUuid(value)) {
      throw ApiError.invalid("Invalid " + field + ": '" + value + "' is not a UUID");
    }
  }

  static boolean displayNameFits(String name) {
    return name == null || name.length() <= MAX_DISPLAY_NAME;
  }

  static void displayName(String name) {
    if (!displayNameFits(name)) {
      throw ApiError.invalid(
          "display_name must be at most " + MAX_DISPLAY_NAME + " characters, got " + name.length());
    }
  }

  static void objectId(String id) {
    if (!OBJECT_ID.matcher(id).matches()) {
      throw ApiError.invalid(
          "Invalid object_id '"
              + (id.length() > MAX_OBJECT_ID ? id.substring(0, MAX_OBJECT_ID) + "…" : id)
              + "': at most "
              + MAX_OBJECT_ID
              + " of letters, digits, '_', '.' and '-'");
    }
  }
}
