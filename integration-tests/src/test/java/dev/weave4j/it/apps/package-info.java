/**
 * The apps the integration tests start in their own JVMs, each a {@code main}. Their stdout is
 * deterministic, so a run with the agent can be compared line by line with a run without it.
 */
package dev.weave4j.it.apps;
