package dev.weave4j.internal.serialize;

import java.io.File;
import java.io.InputStream;
import java.io.Reader;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Proxy;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.net.URL;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Currency;
import java.util.Date;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.Spliterator;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.stream.BaseStream;

/**
 * Everything the serializer needs to know about one class, computed once and cached per class: the
 * rule, names, marker strings and, for records and POJOs, the properties and base classes.
 */
final class ClassPlan {

  private static final ClassValue<ClassPlan> PLANS =
      new ClassValue<>() {
        @Override
        protected ClassPlan computeValue(Class<?> type) {
          try {
            return create(type);
          } catch (Throwable t) {
            return new ClassPlan(type, Rule.TO_STRING, List.of(), List.of());
          }
        }
      };

  private static final List<Class<?>> NOT_SERIALIZED =
      List.of(
          Iterator.class,
          Spliterator.class,
          BaseStream.class,
          Iterable.class,
          Future.class,
          CompletionStage.class,
          Flow.Publisher.class,
          InputStream.class,
          Reader.class,
          Supplier.class);

  final Rule rule;
  final String simpleName;
  final String cycleMarker;
  final String depthMarker;
  final String notSerializedMarker;
  final Property[] properties;
  final String[] bases;

  private ClassPlan(Class<?> type, Rule rule, List<Property> properties, List<String> bases) {
    this.rule = rule;
    this.simpleName = Markers.simpleName(type);
    this.cycleMarker = Markers.cycle(type);
    this.depthMarker = Markers.maxDepth(type, Walk.MAX_DEPTH);
    this.notSerializedMarker = Markers.notSerialized(type);
    this.properties = properties.toArray(new Property[0]);
    this.bases = bases.toArray(new String[0]);
  }

  static ClassPlan of(Class<?> type) {
    return PLANS.get(type);
  }

  private static ClassPlan create(Class<?> c) {
    Rule rule = rule(c);
    if (rule == Rule.RECORD) {
      List<Property> components = recordComponents(c);
      return components == null
          ? new ClassPlan(c, Rule.TO_STRING, List.of(), List.of())
          : new ClassPlan(c, rule, components, bases(c));
    }
    if (rule == Rule.POJO) {
      List<Property> fields = instanceFields(c);
      return fields == null
          ? new ClassPlan(c, Rule.TO_STRING, List.of(), List.of())
          : new ClassPlan(c, rule, fields, bases(c));
    }
    return new ClassPlan(c, rule, List.of(), List.of());
  }

  private static Rule rule(Class<?> c) {
    Rule exact = exactRule(c);
    if (exact != null) {
      return exact;
    }
    if (c.isArray()) {
      Class<?> component = c.getComponentType();
      return component.isPrimitive() ? Rule.PRIMITIVE_ARRAY : Rule.OBJECT_ARRAY;
    }
    if (BigInteger.class.isAssignableFrom(c) || BigDecimal.class.isAssignableFrom(c)) {
      return Rule.TO_STRING; // user subclasses: their toString may not be a valid JSON number
    }
    if (CharSequence.class.isAssignableFrom(c)) {
      return Rule.CHAR_SEQUENCE;
    }
    if (Enum.class.isAssignableFrom(c)) {
      return Rule.ENUM;
    }
    if (isStringForm(c)) {
      return Rule.STRING_FORM;
    }
    if (Date.class.isAssignableFrom(c)) {
      return Rule.DATE;
    }
    if (Map.class.isAssignableFrom(c)) {
      return Rule.MAP;
    }
    if (Collection.class.isAssignableFrom(c)) {
      return Rule.COLLECTION;
    }
    for (Class<?> lazy : NOT_SERIALIZED) {
      if (lazy.isAssignableFrom(c)) {
        return Rule.NOT_SERIALIZED;
      }
    }
    if (Throwable.class.isAssignableFrom(c)) {
      return Rule.THROWABLE;
    }
    if (Proxy.isProxyClass(c) || c.isHidden() || c.isSynthetic() || isJdk(c)) {
      return Rule.TO_STRING;
    }
    return c.isRecord() ? Rule.RECORD : Rule.POJO;
  }

  private static Rule exactRule(Class<?> c) {
    if (c == String.class) {
      return Rule.STRING;
    } else if (c == Boolean.class) {
      return Rule.BOOLEAN;
    } else if (c == Character.class) {
      return Rule.CHARACTER;
    } else if (c == Integer.class
        || c == Long.class
        || c == Short.class
        || c == Byte.class
        || c == AtomicInteger.class
        || c == AtomicLong.class) {
      return Rule.INTEGRAL;
    } else if (c == BigInteger.class) {
      return Rule.BIG_INTEGER;
    } else if (c == BigDecimal.class) {
      return Rule.BIG_DECIMAL;
    } else if (c == Double.class) {
      return Rule.DOUBLE;
    } else if (c == Float.class) {
      return Rule.FLOAT;
    } else if (c == Optional.class) {
      return Rule.OPTIONAL;
    } else if (c == OptionalInt.class) {
      return Rule.OPTIONAL_INT;
    } else if (c == OptionalLong.class) {
      return Rule.OPTIONAL_LONG;
    } else if (c == OptionalDouble.class) {
      return Rule.OPTIONAL_DOUBLE;
    } else if (c == Class.class) {
      return Rule.CLASS;
    } else if (c == byte[].class) {
      return Rule.BYTES;
    } else if (c == char[].class) {
      return Rule.CHARS;
    }
    return null;
  }

  private static boolean isStringForm(Class<?> c) {
    return c.getName().startsWith("java.time.")
        || c == UUID.class
        || c == URI.class
        || c == URL.class
        || c == Locale.class
        || c == Currency.class
        || Path.class.isAssignableFrom(c)
        || File.class.isAssignableFrom(c);
  }

  static boolean isJdk(Class<?> c) {
    String name = c.getName();
    return name.startsWith("java.")
        || name.startsWith("javax.")
        || name.startsWith("jdk.")
        || name.startsWith("sun.")
        || name.startsWith("com.sun.");
  }

  /** The component accessors, or null when one cannot be made accessible. */
  private static List<Property> recordComponents(Class<?> c) {
    List<Property> properties = new ArrayList<>();
    for (RecordComponent component : c.getRecordComponents()) {
      Method accessor = component.getAccessor();
      if (!accessor.trySetAccessible()) {
        return null;
      }
      properties.add(new Property(component.getName(), null, accessor));
    }
    return properties;
  }

  /**
   * Declared instance fields, superclass fields first, up to the first JDK superclass; a field
   * shadowed by a subclass field of the same name is left out. Null when one is not accessible.
   */
  private static List<Property> instanceFields(Class<?> c) {
    List<List<Property>> levels = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (Class<?> k = c; k != null && !isJdk(k); k = k.getSuperclass()) {
      List<Property> level = new ArrayList<>();
      for (Field field : k.getDeclaredFields()) {
        int modifiers = field.getModifiers();
        if (Modifier.isStatic(modifiers)
            || Modifier.isTransient(modifiers)
            || field.isSynthetic()
            || !names.add(field.getName())) {
          continue;
        }
        if (!field.trySetAccessible()) {
          return null;
        }
        level.add(new Property(field.getName(), field, null));
      }
      levels.add(0, level);
    }
    List<Property> properties = new ArrayList<>();
    levels.forEach(properties::addAll);
    return properties;
  }

  /** Superclass simple names, nearest first, without {@code Object}. */
  private static List<String> bases(Class<?> c) {
    List<String> bases = new ArrayList<>();
    for (Class<?> k = c.getSuperclass(); k != null && k != Object.class; k = k.getSuperclass()) {
      bases.add(Markers.simpleName(k));
    }
    return bases;
  }

  /** One record component or field: its name and how to read it. */
  static final class Property {
    final String name;
    private final Field field;
    private final Method accessor;

    Property(String name, Field field, Method accessor) {
      this.name = name;
      this.field = field;
      this.accessor = accessor;
    }

    /** What reading it is called in an error marker. */
    String reading() {
      return accessor != null ? "accessor" : "reading field";
    }

    /** The value; throws what the accessor threw. */
    Object read(Object target) throws Throwable {
      if (field != null) {
        return field.get(target);
      }
      try {
        return accessor.invoke(target);
      } catch (InvocationTargetException e) {
        throw e.getCause() != null ? e.getCause() : e;
      }
    }
  }
}
