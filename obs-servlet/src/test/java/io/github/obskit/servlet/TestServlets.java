package io.github.obskit.servlet;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.context.Scope;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.MDC;

/** The small applications the servlet tests run behind the filter. */
final class TestServlets {

    private TestServlets() {
    }

    /** Answers 200 "ok" and remembers the MDC and current span it saw. */
    static final class Hello extends HttpServlet {
        final List<String> mdcTraceIds = new CopyOnWriteArrayList<>();
        final List<String> mdcSpanIds = new CopyOnWriteArrayList<>();
        final List<String> currentSpanIds = new CopyOnWriteArrayList<>();

        @Override
        protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            mdcTraceIds.add(String.valueOf(MDC.get("trace_id")));
            mdcSpanIds.add(String.valueOf(MDC.get("span_id")));
            currentSpanIds.add(Span.current().getSpanContext().getSpanId());
            if (!"GET".equals(req.getMethod())) {
                resp.setStatus(202);
            }
            resp.setContentType("text/plain");
            resp.getWriter().write("ok");
        }
    }

    /** Answers 200 with the path info, for any document id. */
    static final class Documents extends HttpServlet {
        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            resp.setContentType("text/plain");
            resp.getWriter().write("document " + req.getPathInfo());
        }
    }

    /** Throws the exception it remembers. */
    static final class Boom extends HttpServlet {
        final AtomicReference<RuntimeException> thrown = new AtomicReference<>();

        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) {
            IllegalStateException e = new IllegalStateException("boom");
            thrown.set(e);
            throw e;
        }
    }

    /** Answers with the status code in the {@code status} parameter via sendError. */
    static final class Status extends HttpServlet {
        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            resp.sendError(Integer.parseInt(req.getParameter("status")));
        }
    }

    /** Starts async processing and hands the context to the test, which completes it. */
    static final class Async extends HttpServlet {
        /** A started request: its context and when the servlet started it. */
        static final class Pending {
            final AsyncContext context;
            final long startedNanos;

            Pending(AsyncContext context, long startedNanos) {
                this.context = context;
                this.startedNanos = startedNanos;
            }
        }

        final BlockingQueue<Pending> pending = new LinkedBlockingQueue<>();

        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) {
            long started = System.nanoTime();
            AsyncContext context = req.startAsync();
            context.setTimeout(60_000);
            pending.add(new Pending(context, started));
        }
    }

    /** Starts async processing with a short timeout and never completes it. */
    static final class AsyncTimeout extends HttpServlet {
        static final long TIMEOUT_MS = 150;

        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) {
            req.startAsync().setTimeout(TIMEOUT_MS);
        }
    }

    /**
     * Starts async processing, dispatches back to itself from another thread, and answers on
     * the async dispatch; remembers the MDC trace id it saw on both dispatches.
     */
    static final class AsyncDispatch extends HttpServlet {
        final List<String> mdcTraceIds = new CopyOnWriteArrayList<>();

        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            mdcTraceIds.add(String.valueOf(MDC.get("trace_id")));
            if (req.getAttribute("dispatched") == null) {
                req.setAttribute("dispatched", Boolean.TRUE);
                AsyncContext context = req.startAsync();
                context.start(context::dispatch);
                return;
            }
            resp.setContentType("text/plain");
            resp.getWriter().write("dispatched");
        }
    }

    /**
     * The outermost filter: remembers the MDC after the observed chain returned, and any
     * exception that escaped it (rethrown to the container).
     */
    static final class Probe implements Filter {
        final List<String> mdcTraceIdsAfter = new CopyOnWriteArrayList<>();
        final List<Throwable> escaped = new CopyOnWriteArrayList<>();

        @Override
        public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
                throws IOException, ServletException {
            try {
                chain.doFilter(request, response);
            } catch (IOException | ServletException | RuntimeException e) {
                escaped.add(e);
                throw e;
            } finally {
                mdcTraceIdsAfter.add(String.valueOf(MDC.get("trace_id")));
            }
        }
    }

    /**
     * Makes a fixed span current around the rest of the chain, as a Java agent would, and
     * remembers the span id current when the chain returned.
     */
    static final class OuterSpan implements Filter {
        final SpanContext spanContext;
        final List<String> currentSpanIdsAfter = new CopyOnWriteArrayList<>();

        OuterSpan(SpanContext spanContext) {
            this.spanContext = spanContext;
        }

        @Override
        public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
                throws IOException, ServletException {
            try (Scope ignored = Span.wrap(spanContext).makeCurrent()) {
                try {
                    chain.doFilter(request, response);
                } finally {
                    currentSpanIdsAfter.add(Span.current().getSpanContext().getSpanId());
                }
            }
        }
    }

    /**
     * Puts its own {@code trace_id} into the MDC around the rest of the chain, as an outer
     * framework might, and remembers what the MDC held when the chain returned.
     */
    static final class OuterMdc implements Filter {
        static final String TRACE_ID = "outer-trace";
        final List<String> mdcTraceIdsAfter = new CopyOnWriteArrayList<>();

        @Override
        public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
                throws IOException, ServletException {
            MDC.put("trace_id", TRACE_ID);
            try {
                chain.doFilter(request, response);
            } finally {
                mdcTraceIdsAfter.add(String.valueOf(MDC.get("trace_id")));
                MDC.remove("trace_id");
            }
        }
    }
}
