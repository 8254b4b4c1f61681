#!/usr/bin/env bash
# A short tour of the REST contract against a running host: sign in, create a project, upload a file
# straight to storage with a signed URL, list it, share the project, and show what a reader may not do.
set -euo pipefail
base="${1:-http://127.0.0.1:7071}"
json() { node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{const v=JSON.parse(s);console.log(process.argv[1].split(".").reduce((o,k)=>o[k],v))})' "$1"; }
call() { curl -sS -H "Authorization: Bearer $1" -H 'Content-Type: application/json' "${@:2}"; }

owner="demo-owner"; reader="demo-reader"
owner_token=$(curl -sS -X POST "$base/api/dev/token" -H 'Content-Type: application/json' -d "{\"user\":\"$owner\"}" | json accessToken)
reader_token=$(curl -sS -X POST "$base/api/dev/token" -H 'Content-Type: application/json' -d "{\"user\":\"$reader\"}" | json accessToken)
echo "demo: signed in as $owner and $reader (development tokens)"

project=$(call "$owner_token" -X POST "$base/api/projects" -d '{"name":"Demo apoferritin","description":"made by scripts/demo.sh"}')
id=$(echo "$project" | json id)
echo "demo: created project $id"

grant=$(call "$owner_token" -X POST "$base/api/projects/$id/uploads" -d '{"path":"Movies/demo_0001.mrcs","size":1048576}')
url=$(echo "$grant" | json url)
head -c 1048576 /dev/urandom > "${TMPDIR:-/tmp}/demo_0001.mrcs"
curl -sS -o /dev/null -w "demo: uploaded Movies/demo_0001.mrcs straight to storage: HTTP %{http_code}\n" \
  -X PUT -H 'x-ms-blob-type: BlockBlob' -H 'Content-Type: application/octet-stream' --data-binary "@${TMPDIR:-/tmp}/demo_0001.mrcs" "$url"

echo "demo: files in the project:"
call "$owner_token" "$base/api/projects/$id/files" ; echo

call "$owner_token" -X PUT "$base/api/projects/$id/members/$reader" -d '{"role":"reader"}' >/dev/null
echo "demo: shared with $reader as reader; $reader now lists:"
call "$reader_token" "$base/api/projects" ; echo

echo "demo: $reader tries to upload (a reader may not):"
call "$reader_token" -X POST "$base/api/projects/$id/uploads" -d '{"path":"Movies/x.tif","size":1}' ; echo
echo "demo: $owner tries a path outside the project:"
call "$owner_token" -X POST "$base/api/projects/$id/uploads" -d '{"path":"../other/x.tif","size":1}' ; echo

echo "demo: now a real workflow on synthetic data (RELION on this machine):"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
dotnet run --project "$root/src/Scipion.Demo" -c Release -- "$base"
