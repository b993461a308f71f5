#!/usr/bin/env bash
# Prepare the offline scaling run (benchmarks/device_scaling.sh) on a machine with network access:
# the CPython 3.12 manylinux x86_64 wheels of every runtime dependency (trafilatura, the peer, is one
# of them) into .whl/, and the dev pages into .bench-data/. Both folders are git-ignored.
#
#   bash benchmarks/device_wheels.sh            # from the repository root
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3}
DEVDATA=${DEVDATA:-../shared/devdata/trafilatura-eval}
[ -d "$DEVDATA" ] || DEVDATA=/work/shared/devdata/trafilatura-eval

mkdir -p .whl .bench-data
# The runtime requirements as pyproject.toml declares them (markers included; pip evaluates them for 3.12).
"$PY" - > .whl/requirements.txt <<'PYEOF'
import tomllib
print("\n".join(tomllib.load(open("pyproject.toml", "rb"))["project"]["dependencies"]))
PYEOF
platforms=(--platform manylinux2014_x86_64 --platform manylinux_2_17_x86_64 --platform manylinux_2_28_x86_64
           --platform manylinux_2_34_x86_64 --platform linux_x86_64)
if ! "$PY" -m pip download -q --dest .whl --python-version 3.12 --implementation cp --abi cp312 \
        --only-binary=:all: "${platforms[@]}" -r .whl/requirements.txt; then
  # Some project ships only a source archive: fetch what has wheels one by one, build the rest (pure Python).
  while read -r req; do
    [ -z "$req" ] && continue
    "$PY" -m pip download -q --dest .whl --python-version 3.12 --implementation cp --abi cp312 \
        --only-binary=:all: "${platforms[@]}" "$req" \
      || "$PY" -m pip wheel -q --no-deps --wheel-dir .whl "$req"
  done < .whl/requirements.txt
fi
# A source-only dependency of a dependency: build it here as a pure-Python wheel.
for sdist in .whl/*.tar.gz .whl/*.zip; do
  [ -e "$sdist" ] || continue
  "$PY" -m pip wheel -q --no-deps --wheel-dir .whl "$sdist" && rm -f "$sdist"
done
rm -rf .bench-data/trafilatura-eval
cp -r "$DEVDATA" .bench-data/trafilatura-eval
echo "$(ls .whl/*.whl | wc -l) wheels in .whl/ ($(du -sh .whl | cut -f1)); dev pages in .bench-data/ ($(du -sh .bench-data | cut -f1))"
