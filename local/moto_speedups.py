"""Local-only shortcuts in moto's DynamoDB that answer exactly as moto would, for less of its one core.

Found by profiling the load benchmark (``py-spy record --gil`` on local/moto_process.py): DynamoDB was
half of the moto process's time, and almost half of that went into serialising answers through the
botocore model (a walk of the output shape for every attribute of every item). A DynamoDB item answer
is already JSON in DynamoDB's own wire form, so the data calls are written out directly; a test
(tests/infra/test_moto_speedups.py) proves that every answer the SDK reads is the same either way.
"""

from __future__ import annotations

import base64
import json
from datetime import datetime
from typing import Any

# The data calls whose answers are items and counts (moto's DynamoResult): their shapes hold no
# timestamps, enums or renamed members. Everything else, errors included, goes through the serialiser.
DIRECT = frozenset(
    {
        "GetItem",
        "PutItem",
        "UpdateItem",
        "DeleteItem",
        "Query",
        "Scan",
        "BatchGetItem",
        "TransactGetItems",
    }
)
CONTENT_TYPE = "application/x-amz-json-1.0"


def wire(value: Any) -> Any:
    """A result as DynamoDB's JSON: binary as base64, no nulls (the serialiser leaves unset members out)."""
    if isinstance(value, dict):
        return {k: wire(v) for k, v in value.items() if v is not None}
    if isinstance(value, list | tuple):
        return [wire(v) for v in value]
    if isinstance(value, bytes | bytearray):
        return base64.b64encode(value).decode("ascii")
    if isinstance(value, datetime):  # not in these shapes today; as the serialiser would write it
        return value.timestamp()
    return value


def direct_answer(result: dict[str, Any]) -> tuple[int, dict[str, str], str]:
    """Status, headers and body of a data call's answer, written straight from its result."""
    return 200, {"Content-Type": CONTENT_TYPE}, json.dumps(wire(result))


def answer_dynamodb_directly() -> None:
    """DynamoDB's data calls answer with their result as JSON instead of through the model serialiser."""
    from moto.dynamodb.responses import DynamoResult

    original = DynamoResult.execute_result
    if getattr(original, "direct", False):
        return

    def execute_result(self: DynamoResult, context: Any) -> Any:
        if context.operation_model.name in DIRECT and isinstance(self.result, dict):
            return direct_answer(self.result)
        return original(self, context)

    execute_result.direct = True  # type: ignore[attr-defined]
    DynamoResult.execute_result = execute_result  # type: ignore[method-assign,assignment]


def traverse_update_expressions_lightly() -> None:
    """moto's update-expression walk, without asking the same two questions at every node of every walk.

    Found by profiling the load benchmark: after the direct answers above, UpdateItem was a fifth of the
    moto process, most of it in ``DepthFirstTraverser.traverse_node_recursively``, which ten traversers
    run over every update's tree. At each node it asked whether the node is a ``Node`` (an ABC, so each
    ``isinstance`` goes through ``ABCMeta.__instancecheck__``) and whether the traverser processes its
    class, building the traverser's processing map (a dict of bound methods) to read its keys. Both
    answers depend only on the classes (every ``_processing_map`` in moto's validators has fixed keys),
    so each is worked out once per class here; the walk, its order and its hooks are moto's own.
    """
    from moto.dynamodb.parsing.ast_nodes import (  # type: ignore[attr-defined]  # the module opts out of typing
        DepthFirstTraverser,
        Node,
    )

    if getattr(DepthFirstTraverser.traverse_node_recursively, "light", False):
        return
    is_node: dict[type, bool] = {}
    processed: dict[tuple[type, type], bool] = {}

    def traverse_node_recursively(self: Any, node: Any, child_id: int = -1) -> Any:
        kind = type(node)
        a_node = is_node.get(kind)
        if a_node is None:
            a_node = is_node[kind] = issubclass(kind, Node)
        if not a_node:
            return node
        parent_node = node.parent
        if node.children is not None:
            for i, child_node in enumerate(node.children):
                self.pre_processing_of_child(node, i)
                self.traverse_node_recursively(child_node, i)
        wanted = processed.get((type(self), kind))
        if wanted is None:
            wanted = processed[(type(self), kind)] = issubclass(kind, tuple(self._processing_map()))
        if wanted:
            node = self.process(node)
            node.parent = parent_node
            if parent_node:
                parent_node.children[child_id] = node
        return node

    traverse_node_recursively.light = True  # type: ignore[attr-defined]
    DepthFirstTraverser.traverse_node_recursively = traverse_node_recursively


_PARSED_MAX = 256  # distinct update expressions kept; the pipeline writes a few dozen


def parse_each_update_expression_once() -> None:
    """moto's parse of an UpdateExpression, kept per expression text.

    moto parses an UpdateItem's expression twice per request (the handler, to see which names and
    values it uses; the backend, to validate and run it), and the pipeline sends the same few
    expressions with new values each time. Nothing changes a parsed tree in place: the handler only
    reads it, and each validator works on a deep copy of its own (``Validator.__init__``), so one tree
    can serve every request with the same text. An expression moto refuses raises as before and is not
    kept.
    """
    from moto.dynamodb.parsing.expressions import UpdateExpressionParser  # type: ignore[attr-defined]

    if getattr(UpdateExpressionParser.make, "kept", False):
        return
    make = UpdateExpressionParser.make
    parsed: dict[str, Any] = {}

    def make_once(cls: type[Any], expression_str: str) -> Any:
        tree = parsed.get(expression_str)
        if tree is None:
            tree = make(expression_str)
            if len(parsed) >= _PARSED_MAX:
                parsed.clear()
            parsed[expression_str] = tree
        return tree

    make_once.kept = True  # type: ignore[attr-defined]
    UpdateExpressionParser.make = classmethod(make_once)


def answer_requests_lightly() -> None:
    """Three costs of every request to moto's server that the local stack has no use for.

    Found by profiling the load benchmark once the DynamoDB work above was lighter: per request,
    - ``method_names_from_class`` listed the handler class's methods with ``inspect.getmembers`` to see
      whether the action is one; a class's methods do not change while the server runs, so each class
      is listed once;
    - moto builds every service's Flask app in debug mode, in which Flask wraps each form request's
      files in a class made for that request (``attach_enctype_error_multidict``), only to word an
      error for a browser form that forgot its enctype; off here, an error is still a 500;
    - and with CORS headers for browsers, where nothing here reaches moto from a page (the console
      serves the blog and the mail), so ``backend_app`` is built without them.
    """
    from moto.core import responses
    from moto.moto_server import werkzeug_app

    # By name: moto's modules do not export these two to a type checker.
    list_methods = getattr(responses, "method_names_from_class")  # noqa: B009
    if getattr(list_methods, "listed_once", False):
        return
    listed: dict[type, frozenset[str]] = {}

    def method_names_from_class(clazz: type) -> frozenset[str]:
        names = listed.get(clazz)
        if names is None:
            names = listed[clazz] = frozenset(list_methods(clazz))
        return names

    method_names_from_class.listed_once = True  # type: ignore[attr-defined]
    setattr(responses, "method_names_from_class", method_names_from_class)  # noqa: B010
    setattr(werkzeug_app, "DISABLE_GLOBAL_CORS", True)  # noqa: B010


def backend_app(service: Any) -> Any:
    """moto's Flask app for ``service``, out of debug mode (see ``answer_requests_lightly``)."""
    from moto.moto_server.werkzeug_app import create_backend_app

    app = create_backend_app(service)
    app.debug = False
    return app
