/**
 * Implementation details of obs-servlet. Not API: anything here may change without notice.
 */
package io.github.obskit.servlet.internal;
