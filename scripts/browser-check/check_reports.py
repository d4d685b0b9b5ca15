#!/usr/bin/env python3
"""Opens Ballast's HTML reports in headless Chromium and checks them (standard library only).

Makes a small run and a small study (whose description is hostile markup) with the given ballast
binary, then, for each report, at 1280 px, on a phone and as printed on A4:
  - no console errors, no uncaught exceptions, no Content-Security-Policy violations;
  - no network request (anything but the report's own file:// URL);
  - every figure is an inline <svg> with a non-zero size, and fits the printed page;
  - the estimates and paired-differences tables equal estimates.csv and differences.csv;
  - the hostile description and study name are shown as text, and nothing they hold became an element or ran.
Saves full-page screenshots (PNG) to --screenshots. Exit status 0 when every check passes.
"""
import argparse
import base64
import csv
import json
import math
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.request

from devtools import DevTools

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
HOSTILE = ("<script>window.__pwned = 1</script><img src=x onerror=\"window.__pwned = 2\">"
           " Does a <b>bigger</b> shock & a thinner buffer raise P(run)? '\" &amp; </p>")
HOSTILE_NAME = "<script>window.__pwned = 3</script>\"'><svg onload=\"window.__pwned = 4\">study"
SMALL = ["ticks=300", "lending.loan_fraction=auto", "depositors.count=1000", "market.shock.tick=100"]
VIEWS = [("desktop", 1280, 900, False, "screen"), ("phone", 390, 844, True, "screen"), ("a4-print", 703, 1032, False, "print")]

failures = []


def check(ok, what):
    print(("ok    " if ok else "FAIL  ") + what)
    if not ok:
        failures.append(what)


def make_inputs(ballast, work):
    run_dir = os.path.join(work, "run")
    subprocess.run([ballast, "run", os.path.join(ROOT, "experiments/reference/reference.yaml"), "--quiet", "--out", run_dir,
                    "--set", "market.shock.size=0.4"] + [a for o in SMALL for a in ("--set", o)], check=True, stdout=subprocess.DEVNULL)
    study = os.path.join(work, "study.yaml")
    with open(study, "w") as f:
        f.write("name: browser-check\n")
        f.write("description: " + json.dumps(HOSTILE) + "\n")
        f.write("scenario: " + os.path.join(ROOT, "experiments/reference/reference.yaml") + "\n")
        f.write("seed: 3\noverrides: [" + ", ".join(SMALL) + "]\n")
        f.write("parameters:\n  - {key: lending.reserve_fraction, values: [0.1, 0.3]}\n"
                "  - {key: market.shock.size, values: [0.2, 0.35, 0.5]}\n")
        f.write("replicates: 6\n")
    study_dir = os.path.join(work, "study")
    subprocess.run([ballast, "sweep", study, "--quiet", "--out", study_dir], check=True, stdout=subprocess.DEVNULL)
    # A study file's name must be a plain folder name, so a hostile name can only come from a store
    # written by other means: put one there and let `ballast report` rewrite the page.
    with sqlite3.connect(os.path.join(study_dir, "results.sqlite")) as db:
        db.execute("UPDATE manifest SET study_name = ?", (HOSTILE_NAME,))
    db.close()
    subprocess.run([ballast, "report", study_dir], check=True, stdout=subprocess.DEVNULL)
    return run_dir, study_dir


def start_chromium(binary, profile):
    args = [binary, "--headless=new", "--remote-debugging-port=0", f"--user-data-dir={profile}", "--no-sandbox",
            "--disable-gpu", "--no-first-run", "--no-default-browser-check", "--disable-extensions",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
            "--host-resolver-rules=MAP * ~NOTFOUND", "--hide-scrollbars", "about:blank"]
    proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    port_file = os.path.join(profile, "DevToolsActivePort")
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if os.path.exists(port_file):
            lines = open(port_file).read().split("\n")
            if lines and lines[0].strip().isdigit():
                port = int(lines[0])
                targets = json.load(urllib.request.urlopen(f"http://127.0.0.1:{port}/json/list", timeout=10))
                pages = [t for t in targets if t.get("type") == "page"]
                if pages:
                    return proc, pages[0]["webSocketDebuggerUrl"]
        if proc.poll() is not None:
            raise RuntimeError(f"{binary} exited with status {proc.returncode}")
        time.sleep(0.2)
    proc.kill()
    raise RuntimeError("Chromium did not open its DevTools port in 60 s")


PROBE = r"""
(() => {
  const rect = e => { const r = e.getBoundingClientRect(); return {w: r.width, h: r.height, right: r.right}; };
  const cells = sel => Array.from(document.querySelectorAll(sel + ' tbody tr')).map(tr =>
      Array.from(tr.querySelectorAll('[data-column]')).map(c => ({column: c.dataset.column, value: c.dataset.value, text: c.textContent})));
  return JSON.stringify({
    title: document.title,
    h1: document.querySelector('h1') && document.querySelector('h1').textContent,
    question: document.querySelector('.question') && document.querySelector('.question').textContent,
    h1Elements: document.querySelector('h1') ? document.querySelector('h1').children.length : 0,
    questionElements: document.querySelector('.question') ? document.querySelector('.question').children.length : 0,
    pwned: window.__pwned === undefined ? null : window.__pwned,
    scripts: document.querySelectorAll('script').length,
    imgs: document.querySelectorAll('img, iframe, object, embed').length,
    figures: document.querySelectorAll('figure').length,
    svgs: Array.from(document.querySelectorAll('figure svg')).map(rect),
    captions: document.querySelectorAll('figure figcaption').length,
    absent: document.querySelectorAll('.absent').length,
    headersPerTable: Array.from(document.querySelectorAll('table')).map(t => t.querySelectorAll('thead th').length),
    estimates: cells('#estimates-table'),
    differences: cells('#differences-table'),
    tableWidths: Array.from(document.querySelectorAll('table')).map(t => t.getBoundingClientRect().width),
    nonTableRight: Math.max(0, ...Array.from(document.querySelectorAll('header, main > section > :not(.table-wrap), footer'))
        .map(e => e.getBoundingClientRect().right)),
    viewport: window.innerWidth,
    scrollWidth: document.documentElement.scrollWidth,
  });
})()
"""


def close_enough(text, value):
    """The shown text is the CSV value rounded: within half a unit of its last shown digit."""
    if value.lower() == "nan":
        return text == "–"
    x = float(value)
    if math.isinf(x):
        return text == ("∞" if x > 0 else "−∞")
    t = text.replace(",", "").replace("\u00a0", " ")
    scale = 1.0
    for letter, factor in (("k", 1e3), ("M", 1e6), ("B", 1e9)):
        if t.endswith(" " + letter):
            t, scale = t[:-2], factor
    try:
        shown = float(t)
    except ValueError:
        return False
    if "e" in t.lower():
        return abs(shown - x) <= 1e-5 * abs(x)
    decimals = len(t.split(".")[1]) if "." in t else 0
    return abs(shown * scale - x) <= 0.5 * 10 ** -decimals * scale + 1e-9 * abs(x)


def compare_table(cells, csv_path, name):
    with open(csv_path) as f:
        rows = list(csv.DictReader(f))
    check(len(cells) == len(rows) and len(rows) > 0, f"{name}: {len(cells)} table rows for {len(rows)} CSV rows")
    bad = []
    count = 0
    for i, (shown, row) in enumerate(zip(cells, rows)):
        for c in shown:
            count += 1
            if c["column"] not in row or c["value"] != row[c["column"]] or not close_enough(c["text"], c["value"]):
                bad.append(f"row {i} {c['column']}: shows {c['text']!r} (data-value {c['value']!r}), CSV {row.get(c['column'])!r}")
    check(not bad and count > 0, f"{name}: {count} cells equal the CSV" + ("" if not bad else "; " + "; ".join(bad[:5])))


def open_report(dt, path, view, shots):
    name, width, height, mobile, media = view
    dt.events.clear()
    dt.call("Emulation.setDeviceMetricsOverride", {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": mobile})
    dt.call("Emulation.setEmulatedMedia", {"media": media})
    url = "file://" + os.path.abspath(path)
    dt.call("Page.navigate", {"url": url})
    dt.wait_for("Page.loadEventFired")
    time.sleep(0.3)  # late console messages, if any
    probe = json.loads(dt.call("Runtime.evaluate", {"expression": PROBE, "returnByValue": True})["result"]["value"])
    size = dt.call("Page.getLayoutMetrics")["cssContentSize"]
    shot = dt.call("Page.captureScreenshot", {"format": "png", "captureBeyondViewport": True,
                                              "clip": {"x": 0, "y": 0, "width": width, "height": min(size["height"], 16000), "scale": 1}})
    dt.call("Runtime.evaluate", {"expression": "0"})  # collect trailing events
    errors = [e for e in dt.events if
              (e["method"] == "Runtime.consoleAPICalled" and e["params"]["type"] in ("error", "assert")) or
              e["method"] == "Runtime.exceptionThrown" or
              (e["method"] == "Log.entryAdded" and e["params"]["entry"]["level"] == "error")]
    requests = [e["params"]["request"]["url"] for e in dt.events if e["method"] == "Network.requestWillBeSent"
                and e["params"]["request"]["url"] != url and not e["params"]["request"]["url"].startswith("data:")]
    return probe, errors, requests, base64.b64decode(shot["data"])


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--ballast", required=True, help="the ballast binary")
    parser.add_argument("--chromium", default=shutil.which("chromium") or "chromium")
    parser.add_argument("--work", help="folder for the run and study (default: a temporary folder)")
    parser.add_argument("--screenshots", default=os.path.join(ROOT, "out/browser-check"), help="where to save PNGs")
    args = parser.parse_args()
    started = time.monotonic()
    work = args.work or tempfile.mkdtemp(prefix="ballast-browser-")
    os.makedirs(args.screenshots, exist_ok=True)
    run_dir, study_dir = make_inputs(os.path.abspath(args.ballast), work)
    profile = tempfile.mkdtemp(prefix="ballast-chromium-")
    proc, ws = start_chromium(args.chromium, profile)
    try:
        dt = DevTools(ws)
        for domain in ("Page", "Runtime", "Log", "Network"):
            dt.call(domain + ".enable")
        for label, folder, figures in (("run", run_dir, 1), ("study", study_dir, 2)):
            report = os.path.join(folder, "report.html")
            check(os.path.exists(report), f"{label}: {report} was written by the command")
            for view in VIEWS:
                probe, errors, requests, png = open_report(dt, report, view, args.screenshots)
                where = f"{label} ({view[0]}, {view[1]} px)"
                shot = os.path.join(args.screenshots, f"{label}-{view[0]}.png")
                with open(shot, "wb") as f:
                    f.write(png)
                check(not errors, f"{where}: no console errors" + ("" if not errors else f": {json.dumps(errors)[:600]}"))
                check(not requests, f"{where}: no network requests" + ("" if not requests else f": {requests[:5]}"))
                check(probe["figures"] == figures and len(probe["svgs"]) == figures and probe["absent"] == 0,
                      f"{where}: {len(probe['svgs'])} inline SVG figures, {figures} expected, none absent")
                check(all(s["w"] > 0 and s["h"] > 0 for s in probe["svgs"]),
                      f"{where}: every figure renders with a non-zero size {[(round(s['w']), round(s['h'])) for s in probe['svgs']]}")
                check(probe["captions"] == figures, f"{where}: every figure has a caption")
                check(all(n > 0 for n in probe["headersPerTable"]), f"{where}: every table has header cells")
                if view[4] == "print":
                    # The view is A4 portrait at 96 dpi less the 12 mm margins; wide tables print on landscape
                    # pages, whose width (the narrower of A4 and Letter, less margins) they must fit.
                    page_w, page_h, landscape_w = view[1], view[2], 1056 - 91
                    check(probe["nonTableRight"] <= page_w + 1,
                          f"{where}: text and figures fit the printed width ({probe['nonTableRight']:.0f} px of {page_w} px)")
                    check(all(w <= landscape_w + 1 for w in probe["tableWidths"]),
                          f"{where}: every table fits a landscape page ({[round(w) for w in probe['tableWidths']]} px of {landscape_w} px)")
                    check(all(s["w"] <= page_w + 1 and s["h"] <= page_h for s in probe["svgs"]),
                          f"{where}: every figure fits one printed page, whole")
                else:
                    check(probe["scrollWidth"] <= probe["viewport"] + 1,
                          f"{where}: nothing wider than the page ({probe['scrollWidth']} px in {probe['viewport']} px; tables scroll inside)")
                check(probe["scripts"] == 0 and probe["imgs"] == 0 and probe["pwned"] is None,
                      f"{where}: no script, image or frame element, and nothing ran")
                if label == "study":
                    check(probe["question"] == HOSTILE and probe["questionElements"] == 0,
                          f"{where}: the hostile description is shown as text, with no element made from it")
                    check(probe["h1"] == HOSTILE_NAME and probe["h1Elements"] == 0 and probe["title"].endswith(HOSTILE_NAME),
                          f"{where}: the hostile study name is shown as text, in the heading and the title")
                    compare_table(probe["estimates"], os.path.join(folder, "estimates.csv"), f"{where} estimates")
                    compare_table(probe["differences"], os.path.join(folder, "differences.csv"), f"{where} differences")
                print(f"      screenshot: {shot}")
        dt.close()
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
        shutil.rmtree(profile, ignore_errors=True)
    elapsed = time.monotonic() - started
    if failures:
        print(f"browser-check: {len(failures)} check(s) FAILED in {elapsed:.1f} s (reports kept in {work})", file=sys.stderr)
        return 1
    if args.work:
        print(f"browser-check: all checks passed in {elapsed:.1f} s (reports in {work})")
    else:
        shutil.rmtree(work, ignore_errors=True)
        print(f"browser-check: all checks passed in {elapsed:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
