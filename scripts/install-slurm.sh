#!/usr/bin/env bash
# Installs a single-node Slurm (slurmctld, slurmd, the CLIs) and munge for the Slurm tests; safe to run again.
# The tests render slurm.conf and start the daemons themselves (tests/Scipion.Testing/Slurm.cs).
set -euo pipefail

need=()
for tool in sbatch slurmctld slurmd munged; do
  command -v "$tool" >/dev/null 2>&1 || need+=("$tool")
done

if [ "${#need[@]}" -gt 0 ]; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  export DEBIAN_FRONTEND=noninteractive
  if ! $sudo apt-get install -y --no-install-recommends slurm-wlm munge; then
    $sudo apt-get update
    $sudo apt-get install -y --no-install-recommends slurm-wlm munge
  fi
fi

# munge's postinst normally creates the key; a container image built without it needs one.
if [ ! -s /etc/munge/munge.key ]; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo mungekey --create --keyfile /etc/munge/munge.key
  $sudo chown munge:munge /etc/munge/munge.key
  $sudo chmod 0400 /etc/munge/munge.key
fi

echo "slurm: $(dpkg-query -W -f='${Version}' slurm-wlm 2>/dev/null || echo installed)"
