#!/usr/bin/env bash
# Where no registry of container images can be reached: make a stand-in for the
# python:3.12-slim base image with debootstrap (Debian bookworm, minbase, its python3) and
# import it into podman under that tag, for scripts/container-smoke.sh. Needs root and
# Debian's podman, buildah, runc and debootstrap:
#   apt-get install -y podman buildah runc debootstrap
set -euo pipefail
ROOTFS="$(mktemp -d)/rootfs"
trap 'rm -rf "$(dirname "$ROOTFS")"' EXIT
podman=(podman --storage-driver vfs --runtime runc)
# The real image has Python's C headers, which the build stage needs for mypyc.
has_headers=(python3 -c "import os, sysconfig, sys; \
sys.exit(not os.path.exists(sysconfig.get_paths()['include'] + '/Python.h'))")
if "${podman[@]}" image exists python:3.12-slim; then
    if "${podman[@]}" run --rm --ulimit nofile=20000:20000 --ulimit nproc=4096:4096 \
        python:3.12-slim "${has_headers[@]}"; then
        echo "python:3.12-slim is already there"; exit 0
    fi
    echo "python:3.12-slim has no Python.h: making it again"
    "${podman[@]}" rmi python:3.12-slim
fi
debootstrap --variant=minbase \
    --include=python3,python3-dev,python3-venv,python3-pip,python-is-python3,ca-certificates \
    bookworm "$ROOTFS" "${DEBIAN_MIRROR:-http://deb.debian.org/debian}"
chroot "$ROOTFS" apt-get clean
rm -rf "$ROOTFS"/var/lib/apt/lists/*
tar -C "$ROOTFS" -c . | "${podman[@]}" import - python:3.12-slim
"${podman[@]}" image exists python:3.12-slim
