#!/usr/bin/env bash
# Build the one-folder bundle dist/SoanBaoCao from build.spec on Linux, then run its self-test offscreen.
#
#   tools/build_linux.sh          (needs: python3 -m pip install -e ".[build]")
#
# Fails when the build fails, when the bundle is larger than MAX_MB, or when --self-test does not print OK.
set -euo pipefail
cd "$(dirname "$0")/.."
# 150: digital signing (pyHanko) needs cryptography's Rust core (12 MB) and OpenSSL for ssl (5 MB); measured 134 MB.
MAX_MB=${MAX_MB:-150}

started=$(date +%s%N)
# The user guide with fresh screenshots (build.spec ships build/huong-dan-su-dung/huong-dan-su-dung.pdf).
QT_QPA_PLATFORM=offscreen python3 tools/build_guide.py
python3 -m PyInstaller --noconfirm --clean --log-level WARN --distpath dist --workpath build/pyinstaller build.spec
built=$(date +%s%N)

bundle=dist/SoanBaoCao
[[ -f $bundle/_internal/docs/huong-dan-su-dung.pdf ]] || { echo "LỖI: the bundle has no user guide" >&2; exit 1; }
size_mb=$(du -sm "$bundle" | cut -f1)
echo "Bundle: $bundle, ${size_mb} MB ($(find "$bundle" -type f | wc -l) files). Largest parts (MB):"
# awk reads to the end (no head): with pipefail, head closing the pipe early made sort fail with SIGPIPE (141).
du -m --max-depth=1 "$bundle/_internal" | sort -rn | awk 'NR >= 2 && NR <= 6'
find "$bundle" -type f -printf '%s %P\n' | sort -rn | awk 'NR <= 12 {printf "%8.1f  %s\n", $1 / 1e6, $2}'
if (( size_mb > MAX_MB )); then
  echo "LỖI: bundle ${size_mb} MB > ${MAX_MB} MB" >&2
  exit 1
fi

data_dir=$(mktemp -d)
trap 'rm -rf "$data_dir"' EXIT
SOANBAOCAO_DATA_DIR="$data_dir" QT_QPA_PLATFORM=offscreen "$bundle/SoanBaoCao" --self-test
finished=$(date +%s%N)
echo "Build $(( (built - started) / 1000000000 )) s, self-test $(( (finished - built) / 1000000 )) ms."
