"""The ``stories`` command: run the local stack, check a text, and look at stories and their history."""

from __future__ import annotations

import argparse
import json
import os
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from local import evaluate, ops
from local.images import evaluate as images_eval
from local.stack import DEFAULT_RULES, LOCAL_PREFIX, REGION, LocalStack, Ports


def _cmd_run(args: argparse.Namespace) -> int:
    stack = LocalStack(
        ports=Ports(console=args.port, smtp=args.smtp_port, moto=args.aws_port, x=args.x_port),
        rules_path=Path(args.rules).resolve(),
    )
    try:
        stack.run_until_interrupted()
    except OSError as e:
        print(f"Could not start the local stack: {e}. Is another copy running?", file=sys.stderr)
        stack.stop()
        return 1
    return 0


def _cmd_check(args: argparse.Namespace) -> int:
    from chalicelib.domain.errors import ConfigError
    from chalicelib.policy.catalogue import context_from_json, run_checks, verdict_json
    from chalicelib.policy.rules import load_rules_file

    text = sys.stdin.read() if args.file in (None, "-") else Path(args.file).read_text(encoding="utf-8")
    try:
        rules = load_rules_file(Path(args.rules))
        ctx = context_from_json(json.loads(args.context) if args.context else {}, datetime.now(UTC))
    except (ConfigError, ValueError) as e:
        print(f"stories check: {e}", file=sys.stderr)
        return 2
    verdict = run_checks(text, ctx, rules)
    if args.json:
        print(verdict_json(verdict))
    else:
        print(f"Decision: {verdict.decision}")
        for f in verdict.findings:
            print(
                f"  {f.severity.value:5} {f.check:13} [{f.start}:{f.end}] {text[f.start : f.end]!r}\n"
                f"        {f.reason}"
            )
    return 1 if verdict.decision == "block" else 0


def _cmd_check_image(args: argparse.Namespace) -> int:
    from chalicelib.domain.errors import ConfigError
    from chalicelib.inspect.embedded import EmbeddedInspector
    from chalicelib.inspect.findings import judge
    from chalicelib.policy.rules import load_rules_file

    try:
        rules = load_rules_file(Path(args.rules))
        data = sys.stdin.buffer.read() if args.file == "-" else Path(args.file).read_bytes()
    except (ConfigError, OSError) as e:
        print(f"stories check-image: {e}", file=sys.stderr)
        return 2
    verdict = judge(EmbeddedInspector().inspect(data), rules)
    if args.json:
        print(verdict.to_json())
    else:
        print(f"Decision: {verdict.decision} ({verdict.faces} faces)")
        for f in verdict.findings:
            print(
                f"  {f.severity.value:5} {f.underlying or f.check:13} {f.box} {f.text!r}\n        {f.reason}"
            )
    return 1 if verdict.decision == "BLOCK" else 0


def _container(args: argparse.Namespace) -> Any:
    os.environ.setdefault("AWS_ACCESS_KEY_ID", "local")
    os.environ.setdefault("AWS_SECRET_ACCESS_KEY", "local")
    os.environ.setdefault("AWS_DEFAULT_REGION", REGION)
    if args.endpoint:
        os.environ["AWS_ENDPOINT_URL"] = args.endpoint
    from chalicelib.bootstrap import Container
    from chalicelib.config import Settings

    env = dict(os.environ)
    env["RESOURCE_PREFIX"] = args.prefix
    return Container(Settings.from_env(env))


def _cmd_list(args: argparse.Namespace) -> int:
    records = sorted(_container(args).table.list(), key=lambda r: r.updated_at, reverse=True)
    rows = [
        {
            "id": r.story_id,
            "status": r.state.value,
            "submitter": r.submitter,
            "title": r.title,
            "updated": r.updated_at.isoformat(timespec="seconds"),
        }
        for r in records
    ]
    if args.json:
        print(json.dumps(rows, indent=2))
    else:
        for row in rows:
            print(f"{row['id']}  {row['status']:16} {row['updated']}  {row['submitter']:30} {row['title']}")
        if not rows:
            print("No stories yet.")
    return 0


def _cmd_show(args: argparse.Namespace) -> int:
    c = _container(args)
    record = c.table.get(args.id)
    if record is None:
        print(f"No story with id {args.id}", file=sys.stderr)
        return 1
    out: dict[str, Any] = {
        "id": record.story_id,
        "status": record.state.value,
        "version": record.version,
        "submitter": record.submitter,
        "title": record.title,
        "reason": record.reason,
        "posts": [{"channel": p.channel, "url": p.url, "id": p.post_id} for p in record.posts],
        "versions": [],
        "audit": [e.to_dict() for e in c.table.audit(record.story_id)],
    }
    for n in range(1, record.version + 1):
        v = c.stories.get_version(record.story_id, n)
        verdict = c.stories.get_findings(record.story_id, n)
        out["versions"].append({**v.to_dict(), "findings": verdict.to_dict() if verdict else None})
    if args.json:
        print(json.dumps(out, indent=2))
        return 0
    print(f"{record.story_id}  {record.state.value}  v{record.version}  {record.title}")
    print(f"from {record.submitter}" + (f" — {record.reason}" if record.reason else ""))
    for p in record.posts:
        print(f"  posted on {p.channel}: {p.url}")
    for v in out["versions"]:
        print(f"\nversion {v['number']} ({v['source']}, {v['created_at']}, hash {v['content_hash'][:12]})")
        print("  " + v["text"].replace("\n", "\n  "))
        for f in (v["findings"] or {}).get("findings", []):
            print(f"  ! {f['severity']} {f['check']}: {f['reason']}")
    print("\naudit:")
    for e in out["audit"]:
        print(
            f"  {e['at']}  {e['actor']:28} {e['action']:20} "
            f"{e['from_state'] or '-'} → {e['to_state'] or '-'}  {e['reason']}"
        )
    return 0


def _cmd_audit(args: argparse.Namespace) -> int:
    from chalicelib.domain.errors import NotFound
    from chalicelib.services.export import AuditExport

    c = _container(args)
    try:
        h = AuditExport(table=c.table, stories=c.stories).history(args.id)
    except NotFound:
        print(f"No story with id {args.id}", file=sys.stderr)
        return 1
    if args.json:
        print(json.dumps(h.to_dict(), indent=2, ensure_ascii=False))
        return 0
    r = h.record
    print(f"{r.story_id}  {r.state.value}  v{r.version}  {r.title}  (from {r.submitter})")
    for e in h.events:
        change = f"{e.from_state or '-'} → {e.to_state or '-'}" if e.to_state else "(no change)"
        print(
            f"  {e.at.isoformat(timespec='seconds')}  {e.actor:30} {e.action:28} v{e.version} "
            f"{e.content_hash[:12]:12}  {change}  {e.reason}"
        )
    return 0


def _day(text: str) -> datetime:
    try:
        day = datetime.fromisoformat(text)
    except ValueError as e:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date like 2026-11-01") from e
    return day if day.tzinfo else day.replace(tzinfo=UTC)


def _cmd_export(args: argparse.Namespace) -> int:
    from chalicelib.services.export import AuditExport

    c = _container(args)
    export = AuditExport(table=c.table, stories=c.stories)
    histories = export.between(args.since, args.until)
    body = export.as_csv(histories) if args.format == "csv" else export.as_json(histories)
    if args.output:
        Path(args.output).write_text(body, encoding="utf-8", newline="")
        print(f"Wrote {args.output}", file=sys.stderr)
    else:
        sys.stdout.write(body)
    return 0


def _cmd_takedown(args: argparse.Namespace) -> int:
    from chalicelib.domain.errors import InvalidTransition, NotFound, Retryable

    c = _container(args)
    try:
        result = c.takedown.takedown(args.id, actor=args.by, reason=args.reason)
    except NotFound:
        print(f"No story with id {args.id}", file=sys.stderr)
        return 1
    except InvalidTransition as e:
        print(f"Cannot take it down: {e}", file=sys.stderr)
        return 1
    except Retryable as e:
        print(f"Not finished: {e}. Run the same command again.", file=sys.stderr)
        return 1
    for item in result.removed:
        print(f"removed {item}")
    print(f"{result.record.story_id} is {result.record.state.value}")
    return 0


def _cmd_retry(args: argparse.Namespace) -> int:
    """Send a PUBLISH_FAILED story back to publishing once a person has fixed or checked the cause."""
    from chalicelib.domain.errors import ConflictError
    from chalicelib.domain.states import State
    from chalicelib.domain.story import AuditEvent

    c = _container(args)
    record = c.table.get(args.id)
    if record is None or record.state is not State.PUBLISH_FAILED:
        print(f"{args.id} is not a story whose publishing failed", file=sys.stderr)
        return 1
    event = AuditEvent(
        record.story_id, datetime.now(UTC), args.by, "publish-retried", record.state, State.PUBLISHING,
        record.version, record.content_hash, args.reason,
    )  # fmt: skip
    try:
        c.table.transition(record.story_id, expected=[State.PUBLISH_FAILED], to=State.PUBLISHING, event=event)
    except ConflictError:
        print(f"{args.id} changed meanwhile; look again with `stories show`", file=sys.stderr)
        return 1
    c.queues.send("publish", {"story_id": record.story_id, "version": record.version})
    print(f"{record.story_id} sent back to publishing (posts already made are not made again)")
    return 0


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="stories", description="Real Stories: local stack and tools.")
    sub = p.add_subparsers(dest="command", required=True)

    run = sub.add_parser("run", help="start the whole pipeline on this machine (Ctrl-C stops it)")
    run.add_argument("--port", type=int, default=8000, help="dev console and app (default 8000)")
    run.add_argument("--smtp-port", type=int, default=2525)
    run.add_argument("--aws-port", type=int, default=4566, help="moto server")
    run.add_argument("--x-port", type=int, default=8025, help="fake X API")
    run.add_argument("--rules", default=str(DEFAULT_RULES), help="the organisation's rules file")
    run.set_defaults(func=_cmd_run)

    check = sub.add_parser("check", help="check one story's text against the policy")
    check.add_argument("file", nargs="?", help="a text file, or - for standard input")
    check.add_argument("--context", help='JSON, e.g. {"now": "2026-05-01T09:00:00Z", "channel": "x"}')
    check.add_argument("--json", action="store_true")
    check.add_argument("--rules", default=str(DEFAULT_RULES))
    check.set_defaults(func=_cmd_check)

    image = sub.add_parser("check-image", help="check one photo: faces, text in it, number plates")
    image.add_argument("file", help="an image file, or - for standard input")
    image.add_argument("--json", action="store_true")
    image.add_argument("--rules", default=str(DEFAULT_RULES))
    image.set_defaults(func=_cmd_check_image)
    images_eval.register(sub)

    evaluate.register(sub)
    ops.register(sub)

    commands = (
        ("list", _cmd_list, "list stories"),
        ("show", _cmd_show, "one story in full"),
        ("audit", _cmd_audit, "who did what to a story, and when"),
        ("export", _cmd_export, "every story in a date range with its audit trail (CSV or JSON)"),
        ("takedown", _cmd_takedown, "delete a published story from every channel and the blog"),
        ("retry", _cmd_retry, "send a story whose publishing failed back to publishing"),
    )
    for name, func, hlp in commands:
        sp = sub.add_parser(name, help=hlp)
        if name in ("show", "audit", "takedown", "retry"):
            sp.add_argument("id")
        if name in ("takedown", "retry"):
            sp.add_argument("--reason", required=True, help="why (kept in the audit trail)")
            sp.add_argument(
                "--by", default=f"cli:{os.environ.get('USER', 'operator')}", help="who is doing it"
            )
        if name == "export":
            sp.add_argument("--since", type=_day, required=True, help="first day, e.g. 2026-11-01")
            sp.add_argument("--until", type=_day, required=True, help="day after the last, e.g. 2026-12-01")
            sp.add_argument("--format", choices=("csv", "json"), default="csv")
            sp.add_argument("--output", help="file to write (default: standard output)")
        sp.add_argument("--json", action="store_true")
        sp.add_argument(
            "--endpoint",
            default=os.environ.get("AWS_ENDPOINT_URL", "http://127.0.0.1:4566"),
            help="AWS endpoint (default: the local stack); use '' for real AWS",
        )
        sp.add_argument("--prefix", default=os.environ.get("RESOURCE_PREFIX", LOCAL_PREFIX))
        sp.set_defaults(func=func)
    return p


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    return int(args.func(args))


if __name__ == "__main__":
    raise SystemExit(main())
