/** Implementation details of obs-upload; not API, may change in any release. */
package io.github.obskit.upload.internal;
