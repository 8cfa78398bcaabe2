/** Implementation details of obs-business; not API, may change in any release. */
package io.github.obskit.business.internal;
