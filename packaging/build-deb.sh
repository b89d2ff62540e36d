#!/usr/bin/env bash
# Builds target/medic_<version>_all.deb from the checkout: the launcher, the shaded jar, the systemd unit, the
# default config (a conffile) and the runbook pack. Only dpkg-deb (package dpkg, on every Debian machine) is needed.
# Arguments: the checkout's root, the Maven version, the output folder.
set -euo pipefail
root="$1"
version="${2//-/\~}"     # 0.1.0-SNAPSHOT -> 0.1.0~SNAPSHOT: a snapshot sorts before its release
out="$3"
jar="$root/cli/target/medic.jar"
if [[ ! -f "$jar" ]]; then
  echo "build-deb: $jar is missing (run the package phase of the cli first); no package built" >&2
  exit 0
fi
if ! command -v dpkg-deb >/dev/null 2>&1; then
  echo "build-deb: dpkg-deb not found (apt-get install dpkg); no package built" >&2
  exit 0
fi
tree="$out/deb"
rm -rf "$tree"
install -d -m 0755 "$tree/DEBIAN" "$tree/usr/bin" "$tree/usr/share/medic" "$tree/etc/medic" \
  "$tree/lib/systemd/system" "$tree/usr/share/doc/medic"
install -m 0755 "$root/packaging/src/deb/medic" "$tree/usr/bin/medic"
install -m 0644 "$jar" "$tree/usr/share/medic/medic.jar"
install -m 0644 "$root/config/medic.service" "$tree/lib/systemd/system/medic.service"
# the shipped config, pointed at the installed pack and the service's state dir
sed -e 's|^  - \.\./runbooks$|  - /usr/share/medic/runbooks|' -e 's|^# stateDir: /var/lib/medic$|stateDir: /var/lib/medic|' \
  "$root/config/medic.yaml" > "$tree/etc/medic/medic.yaml"
chmod 0644 "$tree/etc/medic/medic.yaml"
grep -q '^  - /usr/share/medic/runbooks$' "$tree/etc/medic/medic.yaml" \
  || { echo "build-deb: config/medic.yaml no longer lists ../runbooks; update build-deb.sh" >&2; exit 1; }
install -d -m 0755 "$tree/usr/share/medic/runbooks"
find "$root/runbooks" -maxdepth 1 -name '*.yaml' -exec install -m 0644 {} "$tree/usr/share/medic/runbooks/" \;
for doc in operations.md architecture.md runbooks.md journal-format.md actions.md; do
  [[ -f "$root/docs/$doc" ]] && install -m 0644 "$root/docs/$doc" "$tree/usr/share/doc/medic/$doc"
done
for f in control conffiles postinst prerm postrm; do
  install -m 0644 "$root/packaging/src/deb/$f" "$tree/DEBIAN/$f"
done
chmod 0755 "$tree/DEBIAN/postinst" "$tree/DEBIAN/prerm" "$tree/DEBIAN/postrm"
size=$(du -sk --exclude=DEBIAN "$tree" | cut -f1)
sed -i -e "s/@VERSION@/$version/" -e "s/@SIZE@/$size/" "$tree/DEBIAN/control"
deb="$out/medic_${version}_all.deb"
dpkg-deb --root-owner-group -Zgzip --build "$tree" "$deb" >/dev/null
echo "build-deb: $deb"
