/**
 * The one operation model of obskit: {@link io.github.obskit.core.operation.Operation}, the base
 * of every handle (upload, processing, job, query, model call, retrieval, span), with one
 * outcome rule, one span, one log event and one lambda form.
 */
package io.github.obskit.core.operation;
