/**
 * The annotations and hook interfaces an application compiles against. Nothing here has logic: the
 * weave4j agent (or runtime) reads them.
 */
package dev.weave4j.annotations;
