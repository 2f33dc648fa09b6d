#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# DKMS test: build vrrp.ko through Debian's dkms from the tree "make
# dkms-src" lays out (as /usr/src/vrrp-VERSION would be), against the
# installed headers of KVER, in a private dkms tree (nothing is added to
# the host's /var/lib/dkms but the signing key below), check its
# signature, then boot KVER in the VM with that module and run a selftest
# against it (the VM's root is read-only: the build happens here).
#
#   scripts/dkms-test.sh [-n] [KVER] [SELFTEST]
#	-n        build and check the signature only, no VM
#	KVER      default: the stock 6.12 kernel of scripts/deps.sh --kvers
#	SELFTEST  default selftests/vrrp_ops.sh
#
# Signing: Debian's dkms signs every module it builds with the key and
# certificate of /etc/dkms/framework.conf (mok_signing_key,
# mok_certificate; default /var/lib/dkms/mok.key and mok.pub, made on
# the first build when missing) using the kernel's scripts/sign-file.
# When its log says it signed, the module must carry that signature:
# modinfo's signer is the certificate's common name and its sig_key the
# certificate's serial number. A dkms that did not sign (no sign-file)
# is reported, not failed.
#
# Output: out/dkms-KVER/ (dkms tree, build log, VM output).
set -euo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
vm=1
if [[ "${1:-}" == -n ]]; then
	vm=0
	shift
fi
kver=${1:-$("$top/scripts/deps.sh" --kvers | grep -E '^6\.12\.[0-9]+\+deb12-amd64$')}
test=${2:-selftests/vrrp_ops.sh}
out=$top/out/dkms-$kver
version=$(sed -n 's/^#define VRRPCTL_VERSION "\(.*\)"/\1/p' "$top/tool/vrrpctl.h")

cd "$top"
command -v dkms >/dev/null || { echo "dkms-test: dkms not installed" >&2; exit 1; }
rm -rf "$out"
mkdir -p "$out/src" "$out/tree"
make -s dkms-src DKMS_SRC="$out/src/vrrp-$version"

echo "dkms-test: dkms build vrrp/$version for $kver"
if ! dkms build -m vrrp -v "$version" -k "$kver" --dkmstree "$out/tree" \
	--sourcetree "$out/src" > "$out/dkms.log" 2>&1; then
	cat "$out/dkms.log" >&2
	find "$out/tree" -name make.log -exec cat {} + >&2 || true
	echo "dkms-test: FAIL: dkms build" >&2
	exit 1
fi
ko=$(find "$out/tree/vrrp/$version/$kver" -name 'vrrp.ko*' | head -n 1)
[[ -n "$ko" ]] || { echo "dkms-test: FAIL: no vrrp.ko in the dkms tree" >&2; exit 1; }
case "$ko" in
*.xz) xz -dkf "$ko"; ko=${ko%.xz} ;;
*.zst) zstd -dqf "$ko"; ko=${ko%.zst} ;;
*.gz) gzip -dkf "$ko"; ko=${ko%.gz} ;;
esac
echo "dkms-test: built $ko ($(modinfo -F vermagic "$ko"))"
[[ "$(modinfo -F vermagic "$ko")" == "$kver "* ]] ||
	{ echo "dkms-test: FAIL: vermagic is not $kver" >&2; exit 1; }

# The signature dkms says it made.
if grep -q '^Signing module ' "$out/dkms.log"; then
	cert=$(sed -n 's/^Public certificate (MOK): //p' "$out/dkms.log")
	cn=$(openssl x509 -inform DER -in "$cert" -noout -subject -nameopt multiline |
		sed -n 's/^ *commonName *= *//p')
	serial=$(openssl x509 -inform DER -in "$cert" -noout -serial | sed 's/^serial=//')
	signer=$(modinfo -F signer "$ko")
	sig_key=$(modinfo -F sig_key "$ko" | tr -d ':')
	if [[ "$signer" != "$cn" || "${sig_key^^}" != "${serial^^}" ]]; then
		echo "dkms-test: FAIL: signer '$signer' key $sig_key, expected '$cn' key $serial ($cert)" >&2
		exit 1
	fi
	echo "dkms-test: signed by '$signer' (key $serial, $cert)"
else
	echo "dkms-test: dkms did not sign the module: $(grep -m1 "won't be signed" "$out/dkms.log" || echo "no reason given")"
fi
[[ $vm -eq 1 ]] || { echo "dkms-test: PASS (dkms build for $kver, no VM)"; exit 0; }

make -s tool
selftests/qemu/vm.sh -q -k "$kver" -m "$ko" -o "$out/vm" -- \
	selftests/run_all.sh "$test"
echo "dkms-test: PASS ($test with the dkms-built module on $kver)"
