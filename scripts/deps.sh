#!/usr/bin/env bash
# Installs what the tests need beyond the .NET SDK: Debian's gRPC for Python, the client "nobody here
# wrote" that the interop tests drive over a real socket. Idempotent; a no-op when already installed.
set -euo pipefail
packages=(python3-grpcio python3-grpc-tools python3-protobuf grpc-proto)
missing=()
for p in "${packages[@]}"; do
  dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "installing: ${missing[*]}" >&2
  sudo_cmd=""
  [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq "${missing[@]}" >/dev/null
fi
