#!/usr/bin/env bash
# Times bulk creates of 1000 connections against a running server, for comparing builds on one machine:
#   bench/bulk-create.sh http://localhost:8080 "$(cat data/initial-api-key)" [rounds]
# Prints the median and the mean, in milliseconds, of: a batch whose 1000 connections bring 1000 new directory
# entities (GUIDE form), and a batch of 1000 connections between entities already in the directory (OAS form).
# Needs bash and curl. Every run uses fresh entity IDs, so it can be run again on the same data.
set -euo pipefail
base="${1:?base URL, e.g. http://localhost:8080}"
key="${2:?API key}"
rounds="${3:-10}"
run="b$(date +%s%N)"
api="$base/connections/v1"

post() { # body file -> milliseconds
    local started ended code
    started=$(date +%s%N)
    code=$(curl -s -o /dev/null -w '%{http_code}' -X POST "$api/connections" -H "x-api-key: $key" \
        -H 'Content-Type: application/json' --data-binary "@$1")
    ended=$(date +%s%N)
    [ "$code" = 200 ] || { echo "POST answered $code" >&2; exit 1; }
    echo $(( (ended - started) / 1000000 ))
}

stats() { # numbers on stdin -> "median mean"
    sort -n | awk '{ v[NR] = $1; s += $1 } END { printf "median %d ms, mean %d ms (n=%d)\n", v[int((NR + 1) / 2)], s / NR, NR }'
}

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# the hub and 1000 people the OAS-form batches connect
printf '{"entities":[{"connection_entity_id":"%s-hub","connection_entity_type":"TEAM","connection_entity_data":{"team_name":"Hub"}}]}' "$run" > "$tmp/hub.json"
{
    printf '{"entities":['
    for i in $(seq 1 1000); do
        [ "$i" = 1 ] || printf ','
        printf '{"connection_entity_id":"%s-p%d","connection_entity_type":"PERSON","connection_entity_data":{"first_name":"P%d"}}' "$run" "$i" "$i"
    done
    printf ']}'
} > "$tmp/entities.json"
for body in hub entities; do
    code=$(curl -s -o /dev/null -w '%{http_code}' -X PUT "$api/entities" -H "x-api-key: $key" \
        -H 'Content-Type: application/json' --data-binary "@$tmp/$body.json")
    [ "$code" = 200 ] || { echo "PUT /entities answered $code" >&2; exit 1; }
done

for r in $(seq 1 "$rounds"); do
    {
        printf '{"connections":['
        for i in $(seq 1 1000); do
            [ "$i" = 1 ] || printf ','
            printf '{"strength":%d,"connection_from_entity":{"connection_entity_id":"%s-r%d-p%d","connection_entity_type":"PERSON","connection_entity_data":{"first_name":"N%d"}},"connection_to_entity":{"connection_entity_id":"%s-r%d-t%d","connection_entity_type":"TEAM","connection_entity_data":{"team_name":"T%d"}}}' \
                $((i % 100)) "$run" "$r" "$i" "$i" "$run" "$r" "$i" "$i"
        done
        printf ']}'
    } > "$tmp/new-$r.json"
    {
        printf '{"connections":['
        for i in $(seq 1 1000); do
            [ "$i" = 1 ] || printf ','
            printf '{"strength":%d,"connection_from_entity_id":"%s-hub","connection_to_entity_id":"%s-p%d"}' $((i % 100)) "$run" "$run" "$i"
        done
        printf ']}'
    } > "$tmp/existing-$r.json"
done

for r in $(seq 1 "$rounds"); do post "$tmp/new-$r.json"; done > "$tmp/new.txt"
for r in $(seq 1 "$rounds"); do post "$tmp/existing-$r.json"; done > "$tmp/existing.txt"
echo "1000 connections, 1000 new entities:    $(stats < "$tmp/new.txt")"
echo "1000 connections, existing entities:    $(stats < "$tmp/existing.txt")"
