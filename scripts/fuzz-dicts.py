#!/usr/bin/env python3
"""Write fuzz/dicts/{plan,pack}.dict: libFuzzer dictionaries of the schemas' keys and closed
words, the table headers, and the built-in packs' product ids, rule codes and regions.
Run from the repository root after a schema or pack changes; tests/fuzz_regressions.rs
fails while a schema word is missing."""
import glob
import json
import re


def walk(node, props, enums):
    if isinstance(node, dict):
        for key, value in node.get("properties", {}).items():
            props.add(key)
            walk(value, props, enums)
        for value in node.get("enum", []) or []:
            if isinstance(value, str):
                enums.add(value)
        if isinstance(node.get("const"), str):
            enums.add(node["const"])
        for key, value in node.items():
            if key != "properties":
                walk(value, props, enums)
    elif isinstance(node, list):
        for value in node:
            walk(value, props, enums)


def escape(word):
    return word.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\x0A")


ids, codes, regions = set(), set(), set()
for path in glob.glob("policies/*.toml"):
    text = open(path).read()
    if path.endswith("regions.toml"):
        regions |= set(re.findall(r'^id = "([^"]+)"', text, re.M))
        continue
    pack = re.search(r'^id = "([^"]+)"', text, re.M).group(1)
    for block in re.split(r"^\[\[", text, flags=re.M):
        found = re.search(r'^id = "([^"]+)"', block, re.M)
        if not found:
            continue
        if block.startswith("product]]"):
            ids.add(found.group(1))
        if block.startswith("rule]]"):
            codes.add(f"{pack}/{found.group(1)}")

for name, target, schema, tables, extra in [
    ("plan", "plan_check", "schemas/plan.schema.json",
     ["[plan]", "[[deployment]]", "[[exception]]"], sorted(ids | codes | regions)),
    ("pack", "pack_load", "schemas/policy.schema.json",
     ["[pack]", "[[product]]", "[[rule]]", "[[clause]]", "[[test]]"], sorted(ids)),
]:
    props, enums = set(), set()
    walk(json.load(open(schema)), props, enums)
    lines = [
        f"# {name}.dict: libFuzzer dictionary for the {target} target, from {schema}",
        "# and the built-in packs. tests/fuzz_regressions.rs checks that every key and word of the schema is here.",
    ]
    words = (tables + sorted(props) + [f"{p} = " for p in sorted(props)] + sorted(enums) + extra
             + ["2025-10-28", "2026-04-27", "2032-12-31", "*", '"', "{ ", " }", "[", "]", ", ", "\n",
                "true", "false"])
    seen = set()
    for word in words:
        if word not in seen:
            seen.add(word)
            lines.append(f'"{escape(word)}"')
    open(f"fuzz/dicts/{name}.dict", "w").write("\n".join(lines) + "\n")
