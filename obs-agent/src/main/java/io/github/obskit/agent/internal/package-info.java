/** Implementation details of obs-agent; not API, may change in any release. */
package io.github.obskit.agent.internal;
