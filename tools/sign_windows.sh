#!/usr/bin/env bash
# Authenticode-sign Windows programs (SoanBaoCao.exe, the installer) with osslsigncode, then verify them:
#
#   tools/sign_windows.sh FILE.exe...          sign each file in place, then `osslsigncode verify` it
#   tools/sign_windows.sh --test-cert DIR      make a throwaway self-signed code-signing certificate in DIR
#                                              (test-signing.pfx, its password in DIR/password, the
#                                              certificate in DIR/test-signing.pem to verify against)
#
# The certificate comes from the environment, never from the command line (it would show in `ps`):
#   SBC_SIGN_PFX           a .pfx/.p12 file holding the key and the certificate chain
#   SBC_SIGN_PASSWORD      its password (read by osslsigncode through a pipe, not as an argument)
# or a PKCS#11 token (a USB token, an HSM), as for signing documents:
#   SBC_SIGN_PKCS11_MODULE the token's PKCS#11 library (.so)
#   SBC_SIGN_PKCS11_KEY    the key on the token, as a pkcs11: URI (e.g. "pkcs11:token=CA;object=ky-so")
#   SBC_SIGN_CERT          the signer's certificate and its chain, PEM
#   SBC_SIGN_PASSWORD      the token's PIN
#   SBC_SIGN_PKCS11_ENGINE OpenSSL's pkcs11 engine (default: Debian's libengine-pkcs11-openssl path)
# and optionally:
#   SBC_SIGN_TSA_URL       an RFC 3161 timestamp server: the signature then stays valid after the certificate
#                          expires. Without one (offline) the files are signed without a timestamp.
#   SBC_SIGN_CAFILE        CA certificates to verify the signature against (default: the system's)
#   SBC_SIGN_TSA_CAFILE    CA certificates of the timestamp server (default: the system's)
#   SBC_SIGN_REQUIRED=1    fail when no certificate is given (a release), instead of leaving the files unsigned
#
# Without a certificate it signs nothing, says so in one line starting with "CHƯA KÝ" and exits 0 (a
# developer's or CI's unsigned build). Exit status 1 on any failure, 2 on bad usage.
set -euo pipefail

DESCRIPTION="Soạn báo cáo"
DEFAULT_ENGINE=/usr/lib/x86_64-linux-gnu/engines-3/pkcs11.so

die() {
  echo "LỖI (sign_windows): $*" >&2
  exit 1
}

usage() {
  echo "Cách dùng: tools/sign_windows.sh TỆP.exe... | --test-cert THƯ-MỤC" >&2
  exit 2
}

make_test_cert() {
  local dir=$1
  mkdir -p "$dir"
  openssl rand -hex 16 >"$dir/password"
  openssl req -x509 -newkey rsa:3072 -nodes -days 2 -keyout "$dir/test-signing.key" -out "$dir/test-signing.pem" \
    -subj "/CN=Soan bao cao - chung thu thu nghiem/O=Thu nghiem, khong dung de phat hanh" \
    -addext "keyUsage=critical,digitalSignature" -addext "extendedKeyUsage=codeSigning" 2>/dev/null \
    || die "openssl could not make the test certificate"
  openssl pkcs12 -export -inkey "$dir/test-signing.key" -in "$dir/test-signing.pem" -out "$dir/test-signing.pfx" \
    -passout "file:$dir/password" || die "openssl could not write $dir/test-signing.pfx"
  rm -f "$dir/test-signing.key"
  echo "Chứng thư thử nghiệm (không dùng để phát hành): $dir/test-signing.pfx, mật khẩu trong $dir/password"
}

# The osslsigncode options that say which key signs, or nothing when no certificate is configured.
KEY_OPTIONS=()
key_options() {
  if [[ -n ${SBC_SIGN_PFX:-} ]]; then
    [[ -f $SBC_SIGN_PFX ]] || die "SBC_SIGN_PFX: no file $SBC_SIGN_PFX"
    KEY_OPTIONS=(-pkcs12 "$SBC_SIGN_PFX")
  elif [[ -n ${SBC_SIGN_PKCS11_MODULE:-} ]]; then
    [[ -f $SBC_SIGN_PKCS11_MODULE ]] || die "SBC_SIGN_PKCS11_MODULE: no file $SBC_SIGN_PKCS11_MODULE"
    [[ -n ${SBC_SIGN_PKCS11_KEY:-} ]] || die "SBC_SIGN_PKCS11_KEY: give the key's pkcs11: URI"
    [[ -f ${SBC_SIGN_CERT:-} ]] || die "SBC_SIGN_CERT: give the signer's certificate (PEM) for the token's key"
    local engine=${SBC_SIGN_PKCS11_ENGINE:-$DEFAULT_ENGINE}
    [[ -f $engine ]] || die "no OpenSSL pkcs11 engine at $engine (apt-get install libengine-pkcs11-openssl)"
    KEY_OPTIONS=(-pkcs11engine "$engine" -pkcs11module "$SBC_SIGN_PKCS11_MODULE" -certs "$SBC_SIGN_CERT"
      -key "$SBC_SIGN_PKCS11_KEY")
  fi
}

sign_one() {
  local file=$1 signed=$1.signing verify_options=() report
  local timestamp=()
  [[ -n ${SBC_SIGN_TSA_URL:-} ]] && timestamp=(-ts "$SBC_SIGN_TSA_URL")
  rm -f "$signed"
  osslsigncode sign "${KEY_OPTIONS[@]}" -readpass <(printf '%s' "${SBC_SIGN_PASSWORD:-}") -h sha256 \
    -n "$DESCRIPTION" "${timestamp[@]}" -in "$file" -out "$signed" >/dev/null \
    || { rm -f "$signed"; die "osslsigncode could not sign $file"; }
  chmod --reference="$file" "$signed"
  mv "$signed" "$file"
  [[ -n ${SBC_SIGN_CAFILE:-} ]] && verify_options+=(-CAfile "$SBC_SIGN_CAFILE")
  [[ -n ${SBC_SIGN_TSA_CAFILE:-} ]] && verify_options+=(-TSA-CAfile "$SBC_SIGN_TSA_CAFILE")
  report=$(osslsigncode verify "${verify_options[@]}" -in "$file" 2>&1) \
    || { echo "$report" >&2; die "osslsigncode verify failed on $file"; }
  if [[ -n ${SBC_SIGN_TSA_URL:-} ]]; then
    grep -q "Timestamp Server Signature verification: ok" <<<"$report" \
      || { echo "$report" >&2; die "$file has no valid timestamp from $SBC_SIGN_TSA_URL"; }
  fi
  # %b: osslsigncode writes the subject's UTF-8 bytes as \xHH.
  printf 'Đã ký và kiểm tra (osslsigncode verify): %s — người ký %b; %s\n' "$file" \
    "$(sed -n 's/^[[:space:]]*Subject: //p' <<<"$report" | head -1)" \
    "$(sed -n 's/^[[:space:]]*Timestamp time: /dấu thời gian /p' <<<"$report" | head -1 | grep . || echo 'không có dấu thời gian')"
}

main() {
  (($# > 0)) || usage
  if [[ $1 == --test-cert ]]; then
    (($# == 2)) || usage
    make_test_cert "$2"
    return
  fi
  local file
  for file in "$@"; do
    [[ -f $file ]] || die "no file $file"
  done
  key_options
  if ((${#KEY_OPTIONS[@]} == 0)); then
    [[ ${SBC_SIGN_REQUIRED:-} != 1 ]] || die "SBC_SIGN_REQUIRED=1 but no certificate (SBC_SIGN_PFX or SBC_SIGN_PKCS11_MODULE)"
    echo "CHƯA KÝ (không có chứng thư số: đặt SBC_SIGN_PFX hoặc SBC_SIGN_PKCS11_MODULE): $*"
    return
  fi
  command -v osslsigncode >/dev/null || die "no osslsigncode (apt-get install osslsigncode)"
  for file in "$@"; do
    sign_one "$file"
  done
}

main "$@"
