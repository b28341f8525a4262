/**
 * Octodiff signatures and deltas in pure Java (spec §5.3–5.5): reading the server's signature strictly, building a
 * delta of a new package against it in bounded memory, and applying a delta to a base file. Knows nothing of HTTP or
 * Maven; the push flow decides what to do with the results.
 */
package io.github.octomvn.octopus.delta;
