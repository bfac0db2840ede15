"""The `trustwork` command line."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .evaluation_sets import TEST_SETS, TRAINING_SETS


def _validate(args: argparse.Namespace) -> int:
    from .datacheck import check_data

    checked, problems = check_data(Path(args.data) if args.data else None)
    for problem in problems:
        print(f"error: {problem}", file=sys.stderr)
    if problems:
        print(f"{len(problems)} problem(s) in {len(checked)} checked file group(s).", file=sys.stderr)
        return 1
    print(f"data is valid: {', '.join(checked)}")
    return 0


def _analyze(args: argparse.Namespace) -> int:
    import json

    from .analyzer import analyze, patterns

    rules = patterns()
    texts = args.text if args.text else (line.rstrip("\r\n") for line in sys.stdin)
    for text in texts:
        result = analyze(text, rules)
        if args.json:
            print(json.dumps(result.to_dict(), ensure_ascii=False), flush=True)
        else:
            print(f"{result.verdict.upper()}: {text}")
            for marker in result.markers:
                print(f"  [{marker.start}:{marker.end}] {marker.category}: {marker.text!r}")
            print(f"  {result.feedback}\n", flush=True)
    return 0


def _evaluate(args: argparse.Namespace) -> int:
    import json

    from .evaluation import cross_validate, evaluate_split

    reader = None if args.patterns_only else "default"
    if args.split in ("cv", "cv-pool"):
        results = [cross_validate(on="practice" if args.split == "cv" else "pool")]
    else:
        splits = {"both": ["practice", "heldout"], "tests": ["heldout", *TEST_SETS],
                  "all": ["practice", "heldout", *TRAINING_SETS, *TEST_SETS]}.get(args.split, [args.split])
        results = [evaluate_split(split, reader) for split in splits]
    if args.json:
        print(json.dumps([r.to_dict() for r in results], indent=2))
    else:
        print("\n\n".join(r.report() for r in results))
    if args.mistakes:
        for result in results:
            for m in result.mistakes:
                print(f"{m['id']} {m['label']} {m['gold']} -> {m['verdict']} {m['found']}: {m['text']}")
    return 0


def _progress(args: argparse.Namespace) -> int:
    from . import progress

    if args.reset:
        progress.reset()
        print(f"progress cleared ({progress.progress_path()})")
        return 0
    print(progress.summary())
    return 0


def _cohort_report(args: argparse.Namespace) -> int:
    from .cohort import build_report, write_report

    gradebook = Path(args.gradebook).resolve()
    if not gradebook.exists():
        print(f"error: no gradebook at {gradebook}", file=sys.stderr)
        return 1
    try:
        report = build_report(f"sqlite:///{gradebook}", Path(args.source), args.assignment)
    except ValueError as problem:
        print(f"error: {problem}", file=sys.stderr)
        return 1
    for path in write_report(report, Path(args.out)):
        print(f"wrote {path}")
    return 0


def _flag_tampered(args: argparse.Namespace) -> int:
    from .tamper import flag_tampered

    gradebook = Path(args.gradebook).resolve()
    found = flag_tampered(Path(args.submitted), args.assignment, f"sqlite:///{gradebook}")
    for student, cells in found.items():
        print(f"flagged {student}: edited read-only cell(s) {', '.join(cells)}")
    if not found:
        print("no edited read-only cells found")
    return 0


def build_parser() -> argparse.ArgumentParser:
    """The argument parser for every `trustwork` subcommand."""
    parser = argparse.ArgumentParser(prog="trustwork", description="Rebuilding Trust course tools.")
    sub = parser.add_subparsers(dest="command", required=True)

    validate = sub.add_parser("validate", help="check every file in data/ and exit 1 on any problem")
    validate.add_argument("--data", help="data folder to check (default: the course's data/)")
    validate.set_defaults(run=_validate)

    analyze = sub.add_parser("analyze", help="find accountability and deflection in statements")
    analyze.add_argument("--json", action="store_true", help="one JSON object per statement, one per line")
    analyze.add_argument("text", nargs="*", help="statements to analyse (default: one per line from stdin)")
    analyze.set_defaults(run=_analyze)

    evaluate = sub.add_parser("evaluate", help="measure the analyzer against the statement bank")
    evaluate.add_argument("--split", default="both",
                          choices=["heldout", "practice", "both", *TRAINING_SETS, *TEST_SETS, "tests", "all", "cv",
                                   "cv-pool"],
                          help="which statements: the bank's practice or heldout split; an independent set in "
                          f"data/evaluation/ ({', '.join(TRAINING_SETS)} teach the learned reader; "
                          f"{', '.join(TEST_SETS)} are test sets it never sees); tests (heldout and the test sets); "
                          "all of them; cv (5-fold cross-validation on practice, up to 9 minutes); or cv-pool "
                          "(5-fold cross-validation on the independent training sets, about 7 minutes)")
    evaluate.add_argument("--patterns-only", action="store_true", help="without the learned reader")
    evaluate.add_argument("--json", action="store_true", help="machine-readable results")
    evaluate.add_argument("--mistakes", action="store_true", help="also list every statement it got wrong")
    evaluate.set_defaults(run=_evaluate)

    progress_cmd = sub.add_parser("progress", help="show your self-study progress (scores and dates only)")
    progress_cmd.add_argument("--reset", action="store_true", help="clear all recorded progress")
    progress_cmd.set_defaults(run=_progress)

    cohort = sub.add_parser("cohort-report", help="instructor: where the cohort struggles (CSV tables and a figure)")
    cohort.add_argument("--gradebook", default="gradebook.db", help="nbgrader gradebook (default: gradebook.db)")
    cohort.add_argument("--source", default="solutions", help="nbgrader source folder (default: solutions)")
    cohort.add_argument("--assignment", help="one assignment (default: the whole course)")
    cohort.add_argument("--out", default="cohort-report", help="folder for the report (default: cohort-report/)")
    cohort.set_defaults(run=_cohort_report)

    tamper = sub.add_parser("flag-tampered", help="instructor: flag submissions whose read-only cells were edited")
    tamper.add_argument("assignment")
    tamper.add_argument("--gradebook", default="gradebook.db")
    tamper.add_argument("--submitted", default="submitted", help="nbgrader's submitted/ folder")
    tamper.set_defaults(run=_flag_tampered)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    from .errors import ContentError

    args = build_parser().parse_args(argv)
    try:
        return args.run(args)
    except ContentError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
