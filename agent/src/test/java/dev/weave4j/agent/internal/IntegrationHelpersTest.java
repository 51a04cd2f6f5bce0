package dev.weave4j.agent.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weave4j.integration.MethodAdvice;
import dev.weave4j.integration.TypeInstrumentation;
import dev.weave4j.integration.WeaveIntegration;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.bytebuddy.jar.asm.ClassReader;
import org.junit.jupiter.api.Test;

/**
 * Every integration of the index lists, in {@code helperClassNames()}, each class of its package
 * that its advice or helpers refer to (nested, anonymous and switch-map classes included): one left
 * out would be loaded from the agent jar on the boot class path, where the library is absent, and
 * fail at run time ({@code NoClassDefFoundError}, {@code IllegalAccessError}).
 */
class IntegrationHelpersTest {

  private static final int UTF8 = 1;

  @Test
  void everyClassTheAdviceOrAHelperReachesInItsPackageIsAHelper() throws Exception {
    List<IntegrationIndex.Entry> entries = indexEntries();
    assertThat(entries)
        .extracting(IntegrationIndex.Entry::name)
        .contains("openai", "anthropic", "google_genai", "langchain4j", "spring_ai");
    for (IntegrationIndex.Entry entry : entries) {
      WeaveIntegration integration =
          (WeaveIntegration) Class.forName(entry.className()).getConstructor().newInstance();
      Set<String> helpers = new TreeSet<>(integration.helperClassNames());
      Set<String> advice = new TreeSet<>();
      for (TypeInstrumentation t : integration.typeInstrumentations()) {
        for (MethodAdvice a : t.methodAdvice()) {
          advice.add(a.adviceClassName());
        }
      }
      assertThat(unlistedReferences(entry.className(), advice, helpers))
          .as("classes of integration %s missing from its helperClassNames()", entry.name())
          .isEmpty();
      for (String helper : helpers) {
        assertThat(libraryTypeWithLambda(classFile(helper)))
            .as(
                "helper %s of integration %s: a library subtype with a lambda",
                helper, entry.name())
            .isFalse();
      }
    }
  }

  /**
   * Whether the class extends or implements a library type (outside the JDK and weave4j) and holds
   * a lambda or method reference. Linking such a lambda makes the JDK look its host class up by
   * name from the boot class path, where the agent jar's copy of the helper cannot link without the
   * library ({@code NoClassDefFoundError} of the library's type); a named nested helper class does
   * not.
   */
  private static boolean libraryTypeWithLambda(byte[] classFile) {
    ClassReader reader = new ClassReader(classFile);
    List<String> supertypes = new ArrayList<>(List.of(reader.getInterfaces()));
    supertypes.add(reader.getSuperName());
    boolean librarySubtype =
        supertypes.stream().anyMatch(t -> !t.startsWith("java/") && !t.startsWith("dev/weave4j/"));
    return librarySubtype
        && !namesIn(classFile, Pattern.compile("java/lang/invoke/LambdaMetafactory")).isEmpty();
  }

  /** The index entries of every integration on the test class path (one file per module). */
  private static List<IntegrationIndex.Entry> indexEntries() throws IOException {
    List<IntegrationIndex.Entry> entries = new ArrayList<>();
    for (URL url :
        Collections.list(
            IntegrationHelpersTest.class
                .getClassLoader()
                .getResources(IntegrationIndex.RESOURCE))) {
      try (InputStream in = url.openStream()) {
        entries.addAll(IntegrationIndex.read(in));
      }
    }
    return entries;
  }

  /**
   * The classes of {@code integrationClass}'s package reached from {@code advice} and {@code
   * helpers} (through their class files' references) that are not helpers; the advice (inlined into
   * the library) and the integration class (loaded by the agent) need not be.
   */
  private static Set<String> unlistedReferences(
      String integrationClass, Set<String> advice, Set<String> helpers) throws IOException {
    String pkg = integrationClass.substring(0, integrationClass.lastIndexOf('.') + 1);
    Pattern samePackageName = Pattern.compile(Pattern.quote(pkg.replace('.', '/')) + "[\\w$]+");
    Set<String> seen = new LinkedHashSet<>();
    Deque<String> toRead = new ArrayDeque<>();
    toRead.addAll(advice);
    toRead.addAll(helpers);
    Set<String> unlisted = new TreeSet<>();
    while (!toRead.isEmpty()) {
      String name = toRead.pop();
      if (!seen.add(name)) {
        continue;
      }
      for (String referenced : namesIn(classFile(name), samePackageName)) {
        if (!referenced.equals(name)
            && !referenced.equals(integrationClass)
            && !advice.contains(referenced)) {
          toRead.add(referenced);
          if (!helpers.contains(referenced)) {
            unlisted.add(referenced + " (referenced by " + name + ")");
          }
        }
      }
    }
    return unlisted;
  }

  /** Every class name matching {@code pattern} in the class file's strings (names, descriptors). */
  private static Set<String> namesIn(byte[] classFile, Pattern pattern) {
    ClassReader reader = new ClassReader(classFile);
    Set<String> names = new TreeSet<>();
    for (int i = 1; i < reader.getItemCount(); i++) {
      int offset = reader.getItem(i); // just after the entry's tag; 0 for a long's second slot
      if (offset > 0 && classFile[offset - 1] == UTF8) {
        // class names are ASCII, the same in the class file's modified UTF-8
        String utf8 =
            new String(
                classFile, offset + 2, reader.readUnsignedShort(offset), StandardCharsets.UTF_8);
        Matcher m = pattern.matcher(utf8);
        while (m.find()) {
          names.add(m.group().replace('/', '.'));
        }
      }
    }
    return names;
  }

  private static byte[] classFile(String binaryName) throws IOException {
    try (InputStream in =
        IntegrationHelpersTest.class
            .getClassLoader()
            .getResourceAsStream(binaryName.replace('.', '/') + ".class")) {
      assertThat(in).as("class file of %s", binaryName).isNotNull();
      return in.readAllBytes();
    }
  }
}
