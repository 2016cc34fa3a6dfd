#!/usr/bin/env bash
# Debian package test on a fresh bookworm (issue 17): a manual release check, NOT part of ctest or .ci/run,
# because it needs root (debootstrap, chroot, mounts), network access to a Debian mirror, debootstrap on the
# host (`apt-get install debootstrap`; a test-only tool, not in cmake/setup.sh) and about 2 GB of disk and
# 5-10 minutes.
#   deb_chroot_test.sh DEB CHROOT_DIR      e.g. build/atomlens_0.1.0_amd64.deb /tmp/atomlens-chroot
# CHROOT_DIR must not exist or be empty: a minimal bookworm (debootstrap --variant=minbase) is made there,
# with bookworm, bookworm-updates and bookworm-security as a fresh installation has them
# ($ATOMLENS_DEBIAN_MIRROR, default http://deb.debian.org/debian; $ATOMLENS_DEBIAN_SECURITY, default
# http://deb.debian.org/debian-security). Then, inside it and with no source or build tree:
#   1. apt-get install --no-install-recommends ./atomlens_*.deb: the Depends alone must pull every runtime
#      library from Debian; every file of the package lies under /usr and no program lacks a library;
#   2. atomlens-cli --help, and tests/install/install_test.sh's checks on the installed /usr: simulate,
#      detect (classical and fcn), classify --model mos2-species, finetune on 10 labels, run --chain with
#      the installed mos2-defects.yaml, the --device cuda refusal, and atomlens --smoke-test (offscreen);
#   3. the GUI on X: xvfb and xauth installed, `xvfb-run -a atomlens --help` and the smoke test on xcb;
#   4. the Recommends installed: desktop-file-validate has nothing to say about the desktop entry, and the
#      MIME database and the desktop database know AtomLens's types;
#   5. apt-get purge leaves nothing of the package behind.
# /proc, /sys and /dev/pts are mounted in the chroot and unmounted on exit; the chroot is removed at the end
# unless KEEP_CHROOT=1 (it is kept after a failure, for a look inside; remove it with `rm -rf` after
# checking that nothing is mounted under it).
set -euo pipefail
deb=$(readlink -f "${1:?usage: deb_chroot_test.sh DEB CHROOT_DIR}")
root=${2:?usage: deb_chroot_test.sh DEB CHROOT_DIR}
mirror=${ATOMLENS_DEBIAN_MIRROR:-http://deb.debian.org/debian}
security=${ATOMLENS_DEBIAN_SECURITY:-http://deb.debian.org/debian-security}
here=$(cd "$(dirname "$0")" && pwd)

[ "$(id -u)" = 0 ] || { echo "deb_chroot_test.sh: needs root (debootstrap, chroot, mount)"; exit 2; }
[ -f "$deb" ] || { echo "deb_chroot_test.sh: no such package: $1"; exit 2; }
command -v debootstrap > /dev/null || { echo "deb_chroot_test.sh: needs debootstrap (apt-get install debootstrap)"; exit 2; }
if [ -e "$root" ] && [ -n "$(ls -A "$root")" ]; then
  echo "deb_chroot_test.sh: $root is not empty; give a new folder (the test needs a fresh system)"; exit 2
fi
mkdir -p "$root"
root=$(readlink -f "$root")

mounted() { grep -q " $root/" /proc/mounts; }
cleanup() {
  local rc=$?
  for m in dev/pts sys proc; do
    if grep -q " $root/$m " /proc/mounts; then umount "$root/$m" || umount -l "$root/$m"; fi
  done
  if [ "$rc" = 0 ] && [ "${KEEP_CHROOT:-0}" != 1 ]; then
    if mounted; then echo "WARNING: something is still mounted under $root; not removing it"; else rm -rf "$root"; fi
  elif [ "$rc" != 0 ]; then
    echo "FAILED (exit $rc); the chroot is kept in $root (nothing is mounted there now)"
  fi
  exit "$rc"
}
trap cleanup EXIT

in_root() { chroot "$root" env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root LANG=C.UTF-8 \
  DEBIAN_FRONTEND=noninteractive "$@"; }
t0=$SECONDS
lap=$SECONDS
step() {
  printf '\n==> %s   (%d s since start; last step %d s)\n' "$*" $((SECONDS - t0)) $((SECONDS - lap))
  lap=$SECONDS
}

step "debootstrap --variant=minbase bookworm $root $mirror"
debootstrap --variant=minbase bookworm "$root" "$mirror" > "$root.debootstrap.log" 2>&1 ||
  { tail -n 30 "$root.debootstrap.log"; exit 1; }
rm -f "$root.debootstrap.log"
cat > "$root/etc/apt/sources.list" << EOF
deb $mirror bookworm main
deb $mirror bookworm-updates main
deb $security bookworm-security main
EOF
printf '#!/bin/sh\nexit 101\n' > "$root/usr/sbin/policy-rc.d" # no services start in the chroot
chmod +x "$root/usr/sbin/policy-rc.d"
mount -t proc proc "$root/proc"
mount -t sysfs sys "$root/sys"
mount --bind /dev/pts "$root/dev/pts"

step "apt-get install --no-install-recommends ./$(basename "$deb")   (Depends only)"
cp "$deb" "$root/tmp/"
in_root apt-get update > "$root/tmp/apt-update.log" 2>&1 || { cat "$root/tmp/apt-update.log"; exit 1; }
if ! in_root apt-get install -y --no-install-recommends "/tmp/$(basename "$deb")" > "$root/tmp/install.log" 2>&1; then
  tail -n 40 "$root/tmp/install.log"; echo "FAIL: the package does not install on a fresh bookworm"; exit 1
fi
grep "newly installed\|^Need to get\|^After this operation" "$root/tmp/install.log"

step "the installed files"
outside=$(in_root dpkg -L atomlens | grep -v '^/usr\(/\|$\)' | grep -v '^/\.$' || true)
[ -z "$outside" ] || { echo "FAIL: files outside /usr:"; echo "$outside"; exit 1; }
for f in bin/atomlens bin/atomlens-cli share/atomlens/models/mos2-species.yaml share/atomlens/models/mos2-species.pt \
  share/atomlens/models/fcn-atoms.yaml share/atomlens/models/fcn-atoms.pt share/atomlens/chains/mos2-defects.yaml \
  share/atomlens/samples/mos2-sample.tif share/atomlens/translations/atomlens_de.qm \
  share/atomlens/translations/atomlens_zh_CN.qm share/applications/atomlens.desktop \
  share/icons/hicolor/scalable/apps/atomlens.svg share/mime/packages/atomlens.xml; do
  [ -e "$root/usr/$f" ] || { echo "FAIL: not installed: /usr/$f"; exit 1; }
done
missing=$(in_root ldd /usr/bin/atomlens /usr/bin/atomlens-cli | grep "not found" || true)
[ -z "$missing" ] || { echo "FAIL: libraries not found:"; echo "$missing"; exit 1; }
size=$(in_root dpkg-query -W -f="\${Installed-Size}" atomlens)
echo "$(in_root dpkg -L atomlens | wc -l) paths, all under /usr; every library of both programs found;" \
  "Installed-Size $size KiB"

step "atomlens-cli --help"
in_root atomlens-cli --help > "$root/tmp/cli-help.txt"
head -n 3 "$root/tmp/cli-help.txt"

step "install_test.sh's checks on /usr (simulate, detect, classify, finetune, run --chain, GUI smoke offscreen)"
cp "$here/install_test.sh" "$root/tmp/install_test.sh"
mkdir -p "$root/tmp/atomlens-work"
in_root bash /tmp/install_test.sh --inner /usr /tmp/atomlens-work /nonexistent-source-tree 2>&1 |
  grep -v "^100% \|propagateSizeHints"

step "the GUI on X (xvfb-run, xcb platform plugin)"
in_root apt-get install -y --no-install-recommends xvfb xauth > "$root/tmp/xvfb.log" 2>&1 ||
  { tail -n 30 "$root/tmp/xvfb.log"; exit 1; }
help=$(in_root sh -c 'cd /tmp && xvfb-run -a atomlens --help' 2>&1) || { echo "$help"; exit 1; }
grep -q -- "--smoke-test" <<< "$help" || { echo "FAIL: atomlens --help on X:"; echo "$help"; exit 1; }
echo "atomlens --help on X: ok"
in_root sh -c 'cd /tmp && QT_QPA_PLATFORM=xcb xvfb-run -a atomlens --smoke-test' 2>&1 | grep -v propagateSizeHints

step "the Recommends: desktop entry and MIME types"
recommends=$(dpkg-deb -f "$deb" Recommends | tr -d ,)
# shellcheck disable=SC2086
in_root apt-get install -y --no-install-recommends $recommends > "$root/tmp/recommends.log" 2>&1 ||
  { tail -n 30 "$root/tmp/recommends.log"; exit 1; }
said=$(in_root desktop-file-validate /usr/share/applications/atomlens.desktop 2>&1 || echo "exit $?")
[ -z "$said" ] || { echo "FAIL: desktop-file-validate:"; echo "$said"; exit 1; }
echo "desktop-file-validate: no errors, warnings or hints"
grep -q "application/x-atomlens-project:\*\.atomlens" "$root/usr/share/mime/globs2" ||
  { echo "FAIL: the MIME database does not know *.atomlens"; exit 1; }
grep -q "application/x-atomlens-project=atomlens.desktop" "$root/usr/share/applications/mimeinfo.cache" ||
  { echo "FAIL: the desktop database does not open .atomlens with AtomLens"; exit 1; }
echo "MIME database: *.atomlens is application/x-atomlens-project, opened by atomlens.desktop"

step "apt-get purge atomlens"
in_root apt-get purge -y atomlens > "$root/tmp/purge.log" 2>&1 || { tail -n 30 "$root/tmp/purge.log"; exit 1; }
left=$(ls -d "$root/usr/share/atomlens" "$root/usr/bin/atomlens" "$root/usr/bin/atomlens-cli" \
  "$root/usr/share/applications/atomlens.desktop" 2> /dev/null || true)
[ -z "$left" ] || { echo "FAIL: left after purge:"; echo "$left"; exit 1; }
! grep -q atomlens "$root/usr/share/mime/globs2" || { echo "FAIL: MIME types left after purge"; exit 1; }
echo "nothing of atomlens left"

step "done"
echo "$(basename "$deb") ($(stat -c %s "$deb") bytes) installs on a fresh bookworm and works from the package alone"
