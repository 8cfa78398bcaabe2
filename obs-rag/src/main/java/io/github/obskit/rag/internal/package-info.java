/** Implementation details of obs-rag; not API, may change in any release. */
package io.github.obskit.rag.internal;
