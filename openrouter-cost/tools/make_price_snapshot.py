#!/usr/bin/env python3
"""Reduces a captured OpenRouter GET /api/v1/models response to the price snapshot bundled in openrouter-cost.

Keeps, per model: id, canonical slug, context length, max completion tokens and the pricing strings, exactly as
OpenRouter wrote them (never through a float). Drops descriptions, names, architecture and everything else.

Usage: make_price_snapshot.py <models.json> <out.json> <captured-on YYYY-MM-DD>
"""
import json
import sys

src, out, captured = sys.argv[1], sys.argv[2], sys.argv[3]
with open(src, encoding="utf-8") as f:
    data = json.load(f)["data"]

models = []
for m in data:
    top = m.get("top_provider") or {}
    entry = {"id": m["id"]}
    if m.get("canonical_slug"):
        entry["canonical_slug"] = m["canonical_slug"]
    if m.get("context_length") is not None:
        entry["context_length"] = m["context_length"]
    if top.get("max_completion_tokens") is not None:
        entry["max_completion_tokens"] = top["max_completion_tokens"]
    pricing = m.get("pricing") or {}
    for k, v in pricing.items():
        if not isinstance(v, str):
            raise SystemExit(f"{m['id']}: pricing.{k} is not a string: {v!r}")
    entry["pricing"] = pricing
    models.append(entry)

doc = {
    "source": "OpenRouter GET /api/v1/models",
    "captured": captured,
    "unit": "USD per token (request: per request; web_search: per search; image: per image)",
    "models": models,
}
with open(out, "w", encoding="utf-8") as f:
    f.write("{\n")
    f.write(f'"source":{json.dumps(doc["source"])},\n"captured":{json.dumps(captured)},\n"unit":{json.dumps(doc["unit"])},\n"models":[\n')
    f.write(",\n".join(json.dumps(m, separators=(",", ":")) for m in models))
    f.write("\n]}\n")
print(f"{len(models)} models -> {out}")
