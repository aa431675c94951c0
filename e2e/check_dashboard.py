#!/usr/bin/env python3
"""Checks the Grafana dashboards in docs/grafana (python3 standard library only).

Offline (always):
  every *.json dashboard under docs/grafana parses, has uid/title/schemaVersion >= 39/panels/templating,
  unique panel ids, a gridPos on every panel, >= 1 target with a query on every non-row panel, balanced
  brackets and quotes in every query, every $variable used in a query is declared, and every datasource
  reference resolves to a datasource template variable of the same type or to a datasource provisioned in
  docs/grafana/provisioning/datasources/*.y*ml.

Online (--prometheus URL):
  substitutes Grafana macros ($__rate_interval, $__interval, $__range, ...) and template variables
  (allValue, else the default, else .*), runs every Prometheus expression through /api/v1/query and fails
  on an error or an empty result, naming the panel and the expression.

The last line is always "N passed, M failed"; the exit code is 1 when M > 0.

  python3 e2e/check_dashboard.py                                  # offline only
  python3 e2e/check_dashboard.py --prometheus http://127.0.0.1:9090 [--wait 30]
"""
import argparse
import glob
import json
import os
import re
import sys
import time
import urllib.error
import urllib.parse
import urllib.request

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DEFAULT_DIR = os.path.join(REPO, "docs", "grafana")
BUILTIN_DS_UIDS = {"-- Grafana --", "-- Mixed --", "-- Dashboard --", "grafana"}
GRAFANA_MACROS = ("__rate_interval", "__interval_ms", "__interval", "__range_s", "__range_ms", "__range",
                  "__from", "__to", "__all", "__dashboard", "__org", "__user", "__name")


class Result:
    def __init__(self):
        self.passed = 0
        self.failed = 0

    def ok(self, msg, verbose):
        self.passed += 1
        if verbose:
            print("PASS " + msg)

    def fail(self, msg):
        self.failed += 1
        print("FAIL " + msg)


def provisioned_datasources(grafana_dir):
    """uid -> type from provisioning/datasources/*.yaml, read with a small line parser (no PyYAML)."""
    found = {}
    for path in sorted(glob.glob(os.path.join(grafana_dir, "provisioning", "datasources", "*.y*ml"))):
        item = None
        with open(path, encoding="utf-8") as f:
            for line in f:
                if re.match(r"^\s*#", line):
                    continue
                m = re.match(r"^(\s*)-\s+(\w+):\s*(.*?)\s*$", line)
                if m and m.group(1) == "  ":  # a new entry of the top-level datasources: list
                    if item:
                        found[item.get("uid", item.get("name"))] = item.get("type")
                    item = {}
                    key, val = m.group(2), m.group(3)
                    item[key] = val.strip("'\"")
                    continue
                m = re.match(r"^    (\w+):\s*(.*?)\s*$", line)
                if item is not None and m:
                    item[m.group(1)] = m.group(2).strip("'\"")
                elif re.match(r"^\S", line):
                    if item:
                        found[item.get("uid", item.get("name"))] = item.get("type")
                    item = None
        if item:
            found[item.get("uid", item.get("name"))] = item.get("type")
    return found


def all_panels(panels):
    for p in panels or []:
        yield p
        yield from all_panels(p.get("panels"))


def target_query(t):
    """The query text of a target: expr (Prometheus), query (Tempo TraceQL, Loki, ...)."""
    for key in ("expr", "query", "rawSql"):
        v = t.get(key)
        if isinstance(v, str) and v.strip():
            return key, v
    return None, None


def balanced(q):
    """Brackets and quotes balance (a cheap syntax check; Prometheus does the real parse online)."""
    pairs = {")": "(", "]": "[", "}": "{"}
    stack, quote, esc = [], None, False
    for ch in q:
        if quote:
            if esc:
                esc = False
            elif ch == "\\":
                esc = True
            elif ch == quote:
                quote = None
            continue
        if ch in "\"'`":
            quote = ch
        elif ch in "([{":
            stack.append(ch)
        elif ch in ")]}":
            if not stack or stack.pop() != pairs[ch]:
                return False
    return not stack and quote is None


VAR_RE = re.compile(r"\$\{(\w+)(?::[^}]*)?\}|\[\[(\w+)(?::[^\]]*)?\]\]|\$(\w+)")


def used_variables(q):
    return {a or b or c for a, b, c in VAR_RE.findall(q)}


def ds_type_of(ref):
    return ref.get("type") if isinstance(ref, dict) else None


def check_ds_ref(ref, ds_vars, provisioned, where, res, verbose):
    if ref is None:
        return
    if isinstance(ref, str):
        uid, typ = ref, None
    else:
        uid, typ = ref.get("uid"), ref.get("type")
    if uid is None:
        res.fail(f"{where}: datasource reference without uid: {ref}")
        return
    m = re.fullmatch(r"\$\{(\w+)\}|\$(\w+)", uid)
    if m:
        name = m.group(1) or m.group(2)
        if name not in ds_vars:
            res.fail(f"{where}: datasource variable ${{{name}}} is not declared in templating")
        elif typ and ds_vars[name] != typ:
            res.fail(f"{where}: datasource variable ${{{name}}} is of type {ds_vars[name]}, panel wants {typ}")
        else:
            res.ok(f"{where}: datasource ${{{name}}}", verbose)
        return
    if uid in BUILTIN_DS_UIDS:
        res.ok(f"{where}: built-in datasource {uid}", verbose)
    elif uid in provisioned and (typ is None or provisioned[uid] == typ):
        res.ok(f"{where}: provisioned datasource {uid}", verbose)
    else:
        res.fail(f"{where}: datasource {ref} is neither a datasource variable nor provisioned "
                 f"(provisioned: {provisioned})")


def check_offline(path, dash, provisioned, res, verbose):
    name = os.path.relpath(path, REPO)
    problems = []
    for key in ("uid", "title", "panels", "schemaVersion"):
        if key not in dash:
            problems.append(f"missing '{key}'")
    if not isinstance(dash.get("schemaVersion"), int) or dash.get("schemaVersion", 0) < 39:
        problems.append(f"schemaVersion {dash.get('schemaVersion')!r} < 39")
    if not isinstance(dash.get("panels"), list) or not dash.get("panels"):
        problems.append("no panels")
    templ = dash.get("templating", {}).get("list")
    if not isinstance(templ, list):
        problems.append("templating.list missing")
        templ = []
    if problems:
        res.fail(f"{name}: " + "; ".join(problems))
        if not isinstance(dash.get("panels"), list):
            return
    else:
        res.ok(f"{name}: dashboard structure", verbose)

    ds_vars = {v["name"]: v.get("query") for v in templ if v.get("type") == "datasource"}
    declared = {v.get("name") for v in templ} | set(GRAFANA_MACROS)
    for v in templ:
        check_ds_ref(v.get("datasource"), ds_vars, provisioned, f"{name} variable ${v.get('name')}", res, verbose)
    ids = {}
    for p in all_panels(dash["panels"]):
        where = f"{name} panel {p.get('id')} '{p.get('title')}'"
        errs = []
        pid = p.get("id")
        if not isinstance(pid, int):
            errs.append("id missing or not an integer")
        elif pid in ids:
            errs.append(f"duplicate id (also '{ids[pid]}')")
        else:
            ids[pid] = p.get("title")
        if not p.get("type"):
            errs.append("type missing")
        gp = p.get("gridPos")
        if not isinstance(gp, dict) or not all(isinstance(gp.get(k), int) for k in ("h", "w", "x", "y")):
            errs.append("gridPos missing or incomplete (h, w, x, y)")
        elif gp["x"] + gp["w"] > 24 or gp["w"] <= 0 or gp["h"] <= 0:
            errs.append(f"gridPos out of the 24-column grid: {gp}")
        if p.get("type") != "row":
            queries = [(t, target_query(t)) for t in p.get("targets") or []]
            queries = [(t, k, q) for t, (k, q) in queries if q]
            if not queries:
                errs.append("no target with a query")
            for t, key, q in queries:
                if not balanced(q):
                    errs.append(f"unbalanced brackets or quotes in {t.get('refId')}: {q}")
                unknown = used_variables(q) - declared
                if unknown:
                    errs.append(f"undeclared variables {sorted(unknown)} in {t.get('refId')}")
                pds = t.get("datasource") or p.get("datasource")
                if pds is None:
                    errs.append(f"target {t.get('refId')} has no datasource (panel has none either)")
                check_ds_ref(t.get("datasource"), ds_vars, provisioned, f"{where} target {t.get('refId')}", res, verbose)
            check_ds_ref(p.get("datasource"), ds_vars, provisioned, where, res, verbose)
        if errs:
            res.fail(f"{where}: " + "; ".join(errs))
        else:
            res.ok(f"{where}: structure", verbose)


def variable_values(dash):
    values = {}
    for v in dash.get("templating", {}).get("list", []):
        if v.get("type") == "datasource":
            continue
        cur = (v.get("current") or {}).get("value")
        if isinstance(cur, list):
            cur = cur[0] if len(cur) == 1 else "(" + "|".join(cur) + ")"
        if v.get("includeAll") and (cur in (None, "", "$__all")):
            values[v["name"]] = v.get("allValue") or ".*"
        elif cur not in (None, "", "$__all"):
            values[v["name"]] = str(cur)
        else:
            values[v["name"]] = ".*"
    return values


def substitute(q, values, rate_interval, interval, rng):
    seconds = {"s": 1, "m": 60, "h": 3600, "d": 86400}
    def secs(d):
        return int(d[:-1]) * seconds[d[-1]]
    macros = {"__rate_interval": rate_interval, "__interval_ms": str(secs(interval) * 1000),
              "__interval": interval, "__range_s": str(secs(rng)), "__range_ms": str(secs(rng) * 1000),
              "__range": rng}
    macros.update(values)
    def repl(m):
        name = m.group(1) or m.group(2) or m.group(3)
        return macros.get(name, m.group(0))
    out = q
    for _ in range(3):  # a variable's value may itself hold a macro
        out = VAR_RE.sub(repl, out)
    return out


def prom_query(base, expr, timeout=15):
    url = base.rstrip("/") + "/api/v1/query?" + urllib.parse.urlencode({"query": expr})
    try:
        with urllib.request.urlopen(url, timeout=timeout) as r:
            body = json.load(r)
    except urllib.error.HTTPError as e:
        try:
            body = json.load(e)
        except Exception:
            return None, f"HTTP {e.code}"
    except (urllib.error.URLError, OSError, ValueError) as e:
        return None, str(e)
    if body.get("status") != "success":
        return None, f"{body.get('errorType')}: {body.get('error')}"
    return body["data"]["result"], None


def check_online(path, dash, args, res):
    name = os.path.relpath(path, REPO)
    values = variable_values(dash)
    for p in all_panels(dash["panels"]):
        if p.get("type") == "row":
            continue
        for t in p.get("targets") or []:
            ds = t.get("datasource") or p.get("datasource") or {}
            if ds_type_of(ds) != "prometheus" or not t.get("expr"):
                continue
            expr = substitute(t["expr"], values, args.rate_interval, args.interval, args.range)
            where = f"{name} panel {p.get('id')} '{p.get('title')}' target {t.get('refId')}"
            deadline = time.monotonic() + args.wait
            while True:
                result, err = prom_query(args.prometheus, expr)
                if err or result or time.monotonic() >= deadline:
                    break
                time.sleep(1)
            if err:
                res.fail(f"{where}: error {err}\n     expr: {expr}")
            elif not result:
                res.fail(f"{where}: empty result\n     expr: {expr}")
            else:
                res.ok(f"{where}: {len(result)} series  {expr}", True)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--dir", default=DEFAULT_DIR, help="folder with dashboards (default docs/grafana)")
    ap.add_argument("--prometheus", help="base URL, e.g. http://127.0.0.1:9090: run every PromQL expression")
    ap.add_argument("--rate-interval", default="1m", help="value for $__rate_interval (default 1m)")
    ap.add_argument("--interval", default="15s", help="value for $__interval (default 15s)")
    ap.add_argument("--range", default="5m", help="value for $__range (default 5m)")
    ap.add_argument("--wait", type=float, default=0, help="retry an empty result for up to this many seconds")
    ap.add_argument("-v", "--verbose", action="store_true", help="print passing offline checks too")
    args = ap.parse_args()
    for v in (args.rate_interval, args.interval, args.range):
        if not re.fullmatch(r"\d+[smhd]", v):
            ap.error(f"durations look like 30s, 1m, 2h: {v}")

    res = Result()
    provisioned = provisioned_datasources(args.dir)
    files = sorted(glob.glob(os.path.join(args.dir, "**", "*.json"), recursive=True))
    dashboards = []
    for path in files:
        try:
            with open(path, encoding="utf-8") as f:
                doc = json.load(f)
        except (OSError, ValueError) as e:
            res.fail(f"{os.path.relpath(path, REPO)}: not valid JSON: {e}")
            continue
        if not isinstance(doc, dict) or not ("panels" in doc or "schemaVersion" in doc):
            continue  # some other JSON file (not a dashboard)
        dashboards.append((path, doc))
    if not dashboards:
        res.fail(f"no dashboard JSON found under {args.dir}")
    for path, doc in dashboards:
        check_offline(path, doc, provisioned, res, args.verbose)
    if args.prometheus:
        for path, doc in dashboards:
            if isinstance(doc.get("panels"), list):
                check_online(path, doc, args, res)
    print(f"{res.passed} passed, {res.failed} failed")
    return 1 if res.failed else 0


if __name__ == "__main__":
    sys.exit(main())
