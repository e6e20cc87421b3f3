"""The latest benchmark results as a Markdown table, written into README.md between its markers.

python -m bench.table            # print the table
python -m bench.table --update   # replace the table in README.md
"""

import json
import sys
from pathlib import Path

from bench.common import RESULTS_DIR

README = Path(__file__).resolve().parents[1] / "README.md"
BEGIN, END = "<!-- bench:begin -->", "<!-- bench:end -->"


def _number(value: float) -> str:
    return f"{value:,.3g}" if abs(value) < 100 else f"{value:,.0f}"


def table() -> str:
    rows = ["| area | measure | value | goal | peer (same run) |", "| --- | --- | --- | --- | --- |"]
    dates = set()
    for path in sorted(RESULTS_DIR.glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        dates.add(f"{data['date']} on {data['machine']}")
        for r in data["results"]:
            if "date" in r and (r["date"], r["machine"]) != (data["date"], data["machine"]):
                dates.add(f"{r['date']} on {r['machine']} (the {path.stem} results that name this date)")
            goal = _number(r["goal"]) if "goal" in r else ""
            peer = f"{r['peer']['name']}: {_number(r['peer']['value'])}" if "peer" in r else ""
            rows.append(
                f"| {path.stem} | {r['name']} | {_number(r['value'])} {r['unit']} | {goal} | {peer} |"
            )
    return "\n".join(rows) + "\n\nMeasured " + "; ".join(sorted(dates)) + "."


def update() -> None:
    text = README.read_text(encoding="utf-8")
    start, end = text.index(BEGIN) + len(BEGIN), text.index(END)
    README.write_text(text[:start] + "\n" + table() + "\n" + text[end:], encoding="utf-8")


if __name__ == "__main__":
    update() if "--update" in sys.argv else print(table())
