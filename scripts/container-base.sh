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
if "${podman[@]}" image exists python:3.12-slim; then
    echo "python:3.12-slim is already there"; exit 0
fi
debootstrap --variant=minbase \
    --include=python3,python3-venv,python3-pip,python-is-python3,ca-certificates \
    bookworm "$ROOTFS" "${DEBIAN_MIRROR:-http://deb.debian.org/debian}"
chroot "$ROOTFS" apt-get clean
rm -rf "$ROOTFS"/var/lib/apt/lists/*
tar -C "$ROOTFS" -c . | "${podman[@]}" import - python:3.12-slim
"${podman[@]}" image exists python:3.12-slim
