/**
 * The built-in package feed: package lookup, upload (verified by SHA-1 before any retry, so a package is never
 * lost and never stored twice), the dry-run plan of an upload, and {@code push-report.json}. Works through
 * {@code client}; knows nothing of Maven.
 */
package io.github.octomvn.octopus.feed;
