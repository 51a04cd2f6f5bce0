/**
 * How a library integration plugs into the agent (Byte Buddy underneath, as in OpenTelemetry's
 * instrumentation modules).
 *
 * <h2>Writing one</h2>
 *
 * <ol>
 *   <li>A module {@code integrations/<library>/} depending on {@code weave-integration-api} and on
 *       the library with {@code <scope>provided</scope>}; the agent's pom lists it as a dependency,
 *       so it is shaded (and Byte Buddy relocated) into {@code weave-agent.jar}.
 *   <li>One package {@code dev.weave4j.integrations.<library>} holding: a {@link
 *       dev.weave4j.integration.WeaveIntegration} with a public no-argument constructor; one {@link
 *       dev.weave4j.integration.TypeInstrumentation} per library type (or family of types); advice
 *       classes (static {@code @Advice.OnMethodEnter}/{@code @Advice.OnMethodExit} methods with
 *       {@code suppress = Throwable.class}, thin trampolines); and helper classes, the code the
 *       advice calls, compiled against the library. Helpers reach the tracer through the runtime
 *       ({@code dev.weave4j.internal...}, on the boot class path, visible from every loader).
 *   <li>An entry in {@code src/main/resources/META-INF/weave4j/integrations.properties} (the agent
 *       build appends every module's file into one):
 *       <pre>
 * openai.class=dev.weave4j.integrations.openai.OpenAiIntegration
 * openai.requires=com.openai.client.OpenAIClient,com.openai.models.chat.completions.ChatCompletion
 * openai.versions=[1.0,5)
 * </pre>
 *       {@code <name>} is the integration's settings name; {@code requires} lists classes that must
 *       all be in the application's class loader (as resources: nothing is loaded to check); {@code
 *       versions} is documentation, shown in the start-up report.
 * </ol>
 *
 * <h2>What the agent guarantees</h2>
 *
 * <ul>
 *   <li>An integration whose required classes are absent costs one resource lookup per class loader
 *       and loads none of its classes.
 *   <li>Once a loader holds the library, the integration class is created once, its helpers are
 *       defined in that loader before the first instrumented class, and each class of that loader
 *       is matched against its {@code typeMatcher()}; matched methods get the advice inlined.
 *   <li>An integration that fails (its class or matchers throw, a {@code required} method is
 *       missing from a matched type, helpers cannot be defined) is skipped with one diagnostic
 *       line; the application's classes are left as they are and never break.
 *   <li>{@code weave.implicitly_patch_integrations=false} (env {@code
 *       WEAVE_IMPLICITLY_PATCH_INTEGRATIONS}) turns every integration off; {@code
 *       weave.integrations.<name>.enabled=false} one. {@code weave.debug=true} prints a start-up
 *       report of the integrations found, applied or skipped (otherwise a debug log line).
 * </ul>
 */
package dev.weave4j.integration;
