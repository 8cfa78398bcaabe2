/**
 * Implementation detail of obs-core. Not API: anything here may change in any release.
 */
package io.github.obskit.core.internal;
