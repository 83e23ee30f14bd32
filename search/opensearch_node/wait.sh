#!/usr/bin/env bash
# Waits until the local node answers green/yellow on /_cluster/health (default timeout 180 s).
# Same options as run.sh: --port N, --timeout SECONDS (or OPENSEARCH_PORT, OPENSEARCH_WAIT_TIMEOUT).
exec "$(dirname "${BASH_SOURCE[0]}")/run.sh" --wait "$@"
