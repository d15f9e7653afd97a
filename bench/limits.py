"""Peak memory at the caps: the largest article the importer accepts, built; and the largest
compressed upload it accepts, imported. Each runs in a child under `/usr/bin/time -v`, whose
"Maximum resident set size" is the figure (the child and what it waited for).

    python bench/limits.py                # both
    python bench/limits.py --article      # the article only (about 3 minutes on 2 cores)
    python bench/limits.py --upload       # the upload only

The article is real news text (AllSides articles joined by blank lines) just under
Limits.max_article_bytes; the upload is a .jsonl.gz of AllSides lines that unpacks to just under
UPLOAD_LIMITS.max_file_bytes. For scale, a build of one ordinary article is measured too.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from analysis.ingest import CLI_LIMITS, UPLOAD_LIMITS

REPO = Path(__file__).resolve().parents[1]
ALLSIDES = REPO.parent / "shared" / "corpora" / "allsides" / "articles_international.jsonl.gz"


def news_lines() -> list[bytes]:
    with gzip.open(ALLSIDES, "rb") as fh:
        return [line for line in fh if line.strip()]


def article_text(size: int) -> str:
    """Real article texts joined by blank lines, cut to just under `size` UTF-8 bytes."""
    parts, total = [], 0
    for line in news_lines():
        text = json.loads(line).get("content_original") or ""
        chunk = text.encode("utf-8")
        if total + len(chunk) + 2 > size:
            break
        parts.append(text)
        total += len(chunk) + 2
    return "\n\n".join(parts)


def measured(command: list[str]) -> tuple[float, float]:
    """(peak RSS in MB, seconds) of a command run under /usr/bin/time -v."""
    started = time.perf_counter()
    run = subprocess.run(["/usr/bin/time", "-v", *command], capture_output=True, text=True,
                         cwd=REPO, check=True)
    seconds = time.perf_counter() - started
    peak_kb = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", run.stderr)[1])
    return peak_kb / 1024, seconds


def build_article(folder: Path, text: str, label: str) -> None:
    corpus = folder / label
    corpus.mkdir()
    (corpus / "article.txt").write_text(text, encoding="utf-8")
    peak, seconds = measured([sys.executable, "-m", "analysis", "build", str(corpus), "--out",
                              str(folder / f"{label}-store"), "--no-cache", "--n-process", "1"])
    size = len(text.encode("utf-8"))
    print(f"build of one article of {size:>9,} bytes: peak RSS {peak:7,.0f} MB, {seconds:6.1f} s")


def import_upload(folder: Path) -> None:
    cap = UPLOAD_LIMITS.max_file_bytes
    lines, total = [], 0
    for line in news_lines():
        if total + len(line) > cap - 1000:
            break
        lines.append(line)
        total += len(line)
    upload = folder / "upload.jsonl.gz"
    upload.write_bytes(gzip.compress(b"".join(lines)))
    script = ("import sys; from pathlib import Path; "
              "from analysis.ingest import Upload, import_uploads; "
              f"p = Path({str(upload)!r}); "
              f"c = import_uploads([Upload(p.name, p.read_bytes())], Path({str(folder)!r}) / "
              "'staged'); print(len(c.articles), len(c.rejects))")
    peak, seconds = measured([sys.executable, "-c", script])
    print(f"import of a {upload.stat().st_size:,}-byte .jsonl.gz upload unpacking to "
          f"{total:,} bytes ({len(lines):,} articles): peak RSS {peak:,.0f} MB, "
          f"{seconds:.1f} s")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--article", action="store_true")
    parser.add_argument("--upload", action="store_true")
    args = parser.parse_args()
    both = not (args.article or args.upload)
    print(f"caps: article {CLI_LIMITS.max_article_bytes:,} bytes; upload file "
          f"{UPLOAD_LIMITS.max_file_bytes:,} bytes unpacked, ratio "
          f"{UPLOAD_LIMITS.max_ratio:.0f}:1")
    with tempfile.TemporaryDirectory(prefix="bench-limits-") as tmp:
        folder = Path(tmp)
        if args.article or both:
            build_article(folder, article_text(5_000), "ordinary")
            build_article(folder, article_text(CLI_LIMITS.max_article_bytes - 1), "largest")
        if args.upload or both:
            import_upload(folder)
    return 0


if __name__ == "__main__":
    sys.exit(main())
