# runpod_sim/executor.py
#
# Copyright 2026 The Gantry authors
# SPDX-License-Identifier: GPL-3.0-or-later

"""Validation with graphql-core 2 and a small executor over plain dicts.

graphql-core does the part that must match the real API exactly: parsing,
validating the document against the schema, and coercing the variables
(unknown input keys, missing required ones).  Execution is done here: the
state is plain dicts, and graphql-core 2's promise-based executor takes
seconds for a 10,000-pod answer where this one takes a fraction of that.
"""

from graphql import GraphQLError, build_ast_schema, parse, validate
from graphql.execution.values import get_argument_values, get_variable_values
from graphql.language import ast
from graphql.type import (GraphQLIncludeDirective, GraphQLList,
                          GraphQLNonNull, GraphQLObjectType,
                          GraphQLSkipDirective)


class ResolverError(Exception):
    """A business failure: HTTP 200, an entry in errors, the field null."""

    def __init__(self, message, code=None):
        super().__init__(message)
        self.message = message
        self.code = code


class BadRequest(Exception):
    """A request the server refuses before running it: HTTP 400."""

    def __init__(self, messages):
        super().__init__(messages[0])
        self.errors = [{"message": m,
                        "extensions": {"code": "GRAPHQL_VALIDATION_FAILED"}}
                       for m in messages]


def load_schema(path):
    with open(path, encoding="utf-8") as f:
        return build_ast_schema(parse(f.read()))


def _pick_operation(document, name):
    ops = [d for d in document.definitions
           if isinstance(d, ast.OperationDefinition)]
    if name:
        ops = [o for o in ops if o.name and o.name.value == name]
        if not ops:
            raise BadRequest(['Unknown operation named "%s".' % name])
    if len(ops) != 1:
        raise BadRequest(["Must provide operation name if query contains "
                          "multiple operations."])
    return ops[0]


def prepare(schema, body):
    """Parses and validates a request body; returns (document, operation,
    coerced variables) or raises BadRequest."""
    query = body.get("query") if isinstance(body, dict) else None
    if not isinstance(query, str) or not query.strip():
        raise BadRequest(["Must provide query string."])
    variables = body.get("variables")
    if variables is None:
        variables = {}
    if not isinstance(variables, dict):
        raise BadRequest(["Variables must be an object."])
    try:
        document = parse(query)
    except GraphQLError as e:
        raise BadRequest([str(e)])
    errors = validate(schema, document)
    if errors:
        raise BadRequest([str(e) for e in errors])
    operation = _pick_operation(document, body.get("operationName"))
    if operation.operation == "subscription":
        raise BadRequest(["Subscriptions are not supported."])
    # Like RunPod in production: no introspection.
    if {"__schema", "__type"} & {sel.name.value for sel in
                                 operation.selection_set.selections
                                 if isinstance(sel, ast.Field)}:
        raise BadRequest(["GraphQL introspection is not allowed, but the "
                          "query contained __schema or __type"])
    try:
        coerced = get_variable_values(
            schema, operation.variable_definitions or [], variables)
    except GraphQLError as e:
        raise BadRequest([str(e)])
    return document, operation, coerced


def root_field_keys(operation):
    """Response keys of the operation's top-level fields (for faults)."""
    keys = []
    for sel in operation.selection_set.selections:
        if isinstance(sel, ast.Field):
            keys.append(sel.alias.value if sel.alias else sel.name.value)
    return keys


class Execution:
    """One run of a validated operation.

    @resolvers maps (type name, field name) to fn(parent, args, context);
    any other field is read from the parent dict by name.  The selection
    is compiled once into nested functions, then applied to the data: a
    list of 10,000 pods shares one compiled selection.
    """

    def __init__(self, schema, document, operation, variables, resolvers,
                 context):
        self.schema = schema
        self.operation = operation
        self.variables = variables
        self.resolvers = resolvers
        self.context = context
        self.errors = []
        self.fragments = {d.name.value: d for d in document.definitions
                          if isinstance(d, ast.FragmentDefinition)}

    def run(self):
        if self.operation.operation == "mutation":
            root_type = self.schema.get_mutation_type()
        else:
            root_type = self.schema.get_query_type()
        data = {}
        # In order: mutations run one after the other.
        for key, nodes in self._collect(root_type, [self.operation]).items():
            data[key] = self._root_field(root_type, key, nodes)
        return data, self.errors

    def _root_field(self, root_type, key, nodes):
        try:
            return self._field_fn(root_type, nodes)(None)
        except ResolverError as e:
            error = {"message": e.message, "path": [key]}
            if e.code:
                error["extensions"] = {"code": e.code}
            self.errors.append(error)
            return None

    # -------------------------------------------------------- selection --

    def _skipped(self, node):
        for d in node.directives or []:
            directive = {"skip": GraphQLSkipDirective,
                         "include": GraphQLIncludeDirective}.get(d.name.value)
            if directive is None:
                continue
            args = get_argument_values(directive.args, d.arguments,
                                       self.variables)
            if args.get("if") == (d.name.value == "skip"):
                return True
        return False

    def _collect_into(self, type_name, selection_set, out):
        for sel in selection_set.selections:
            if self._skipped(sel):
                continue
            if isinstance(sel, ast.Field):
                key = sel.alias.value if sel.alias else sel.name.value
                out.setdefault(key, []).append(sel)
                continue
            if isinstance(sel, ast.FragmentSpread):
                sel = self.fragments[sel.name.value]
            cond = sel.type_condition
            if cond is None or cond.name.value == type_name:
                self._collect_into(type_name, sel.selection_set, out)

    def _collect(self, object_type, nodes):
        """The merged sub-fields of @nodes, by response key, in order."""
        fields = {}
        for node in nodes:
            if node.selection_set:
                self._collect_into(object_type.name, node.selection_set,
                                   fields)
        return fields

    # -------------------------------------------------------- compiling --

    def _field_fn(self, parent_type, nodes):
        """fn(parent) -> the completed value of one field."""
        name = nodes[0].name.value
        if name == "__typename":
            return lambda parent: parent_type.name
        field_def = parent_type.fields[name]
        complete = self._completer(field_def.type, nodes,
                                   "%s.%s" % (parent_type.name, name))
        resolver = self.resolvers.get((parent_type.name, name))
        if resolver is None:
            return lambda parent: complete(
                parent.get(name) if isinstance(parent, dict) else None)
        args = get_argument_values(field_def.args, nodes[0].arguments,
                                   self.variables)
        context = self.context
        return lambda parent: complete(resolver(parent, args, context))

    def _completer(self, gql_type, nodes, where):
        """fn(value) -> @value shaped as @gql_type selects it."""
        if isinstance(gql_type, GraphQLNonNull):
            inner = self._completer(gql_type.of_type, nodes, where)
            return lambda value: self._non_null(inner(value), where)
        if isinstance(gql_type, GraphQLList):
            inner = self._completer(gql_type.of_type, nodes, where)
            return lambda value: (None if value is None
                                  else [inner(item) for item in value])
        if isinstance(gql_type, GraphQLObjectType):
            plan = [(key, self._field_fn(gql_type, sub))
                    for key, sub in self._collect(gql_type, nodes).items()]
            return lambda value: (None if value is None else
                                  {key: fn(value) for key, fn in plan})
        return _leaf_completer(gql_type)

    def _non_null(self, value, where):
        if value is None:
            self.errors.append({"message": "Cannot return null for "
                                           "non-nullable field %s." % where})
        return value


_NATIVE = {"String": str, "ID": str, "Int": int, "Float": float,
           "Boolean": bool}


def _leaf_completer(gql_type):
    """Scalars and enums: values already of the right Python type pass as
    they are (the common case, and fast); others go through serialize."""
    native = _NATIVE.get(gql_type.name)
    serialize = gql_type.serialize

    def complete(value):
        if value is None or type(value) is native:
            return value
        return serialize(value)
    return complete
