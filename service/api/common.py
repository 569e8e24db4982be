"""What the resource blueprints share: the blueprint class, paging, shared schemas."""

from __future__ import annotations

import functools
import inspect
import json
from collections.abc import Callable, Mapping, Sequence
from http import HTTPStatus

from flask import Response, current_app, request, url_for
from flask_smorest import Blueprint as _Blueprint
from flask_smorest import abort
from flask_smorest.arguments import FlaskParser
from marshmallow import EXCLUDE, RAISE, Schema, ValidationError, fields, missing, validate
from webargs.flaskparser import is_json_request
from webargs.multidictproxy import MultiDictProxy
from werkzeug.datastructures import MultiDict

from ..index import QuoteIndex, Snapshot


class NotJSON(ValueError):
    """A body that is not JSON this API reads; the message says why, for the client."""


def _no_constant(name: str):
    raise NotJSON(f"{name} is not a JSON value")


def load_json(raw: bytes | str, charset: str = "utf-8"):
    """A request body (or a JSON Lines line) as JSON, or NotJSON saying why not: not text
    in `charset`, a syntax error, NaN or Infinity (not JSON), arrays or objects nested too
    deeply for the parser (RecursionError), an integer with more digits than Python reads
    (4,300). The last two were 500s; all are the client's to fix."""
    if isinstance(raw, str):
        text = raw
    else:
        try:
            text = raw.decode(charset)
        except LookupError:
            raise NotJSON(f"the charset {charset!r} is not one this server reads") from None
        except UnicodeDecodeError as exc:
            raise NotJSON(
                f"not {charset} text (byte 0x{raw[exc.start]:02x} at offset {exc.start})"
            ) from None
    try:
        return json.loads(text, parse_constant=_no_constant)
    except json.JSONDecodeError as exc:
        raise NotJSON(f"{exc.msg} (line {exc.lineno}, column {exc.colno})") from None
    except RecursionError:
        raise NotJSON("arrays or objects are nested too deeply") from None
    except NotJSON:
        raise
    except ValueError:  # int(): "Exceeds the limit (4300 digits) for integer string ..."
        raise NotJSON("a number has too many digits") from None


class JSONInteger(fields.Integer):
    """An integer as JSON Schema has it: 4 or 4.0, not 4.5, "4" or true (marshmallow's
    Integer cuts 4.5 to 4 and reads "4"; with strict=True it refuses 4.0)."""

    def _validated(self, value):
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise self.make_error("invalid")
        if isinstance(value, float) and not value.is_integer():
            raise self.make_error("invalid")
        return super()._validated(value)


class StrictParser(FlaskParser):
    """Malformed and unknown parameters are a 400 (schemas raise on unknown fields)."""

    DEFAULT_VALIDATION_STATUS = 400

    def _raw_load_json(self, req):
        """The JSON body through `load_json`: webargs' own parse lets a RecursionError or
        an overlong integer through as a 500."""
        if not is_json_request(req):
            return missing
        try:
            return load_json(req.get_data(cache=True), req.mimetype_params.get("charset", "utf-8"))
        except NotJSON as exc:
            abort(400, message=f"The body is not valid JSON: {exc}.")

    def load_querystring(self, req, schema: Schema) -> dict:
        """The query as webargs' MultiDictProxy reads it (a parameter's first value; every
        value for a list field) but as a plain dict: the proxy raises and catches a
        KeyError for each parameter a request leaves out, a fifth of a look-up's time."""
        multiple = self._multiple_keys(schema)
        args = req.args
        return {key: args.getlist(key) if key in multiple else value for key, value in args.items()}

    def _multiple_keys(self, schema: Schema) -> frozenset[str]:
        """The parameters of `schema` that take every value given (webargs' own rule),
        worked out once per schema class."""
        known = self.__dict__.setdefault("_multiple_by_schema", {})
        keys = known.get(type(schema))
        if keys is None:
            proxy = MultiDictProxy(MultiDict(), schema, tuple(self.KNOWN_MULTI_FIELDS))
            keys = known[type(schema)] = frozenset(proxy.multiple_keys)
        return keys


class Blueprint(_Blueprint):
    ARGUMENTS_PARSER = StrictParser(unknown=None)
    # request headers, besides Origin, that the blueprint's reads vary on
    vary: tuple[str, ...] = ()

    def direct(
        self,
        endpoint: str,
        schema: Schema,
        location: str = "query",
        guard: Callable[[], None] | None = None,
    ):
        """Serve `endpoint` (a view taking `schema`'s arguments, from the query or the JSON
        body, as keyword arguments, that always returns a Response) without the six wrapper
        layers flask-smorest and webargs put around it, which stay for the OpenAPI
        document. The arguments are parsed by the same parser with the same schema, so
        they and the 400s are the same; and flask-smorest passes a Response through
        unchanged. `guard`, called first, is what the view's own wrappers check before
        the arguments (POST /verify: a body that is not JSON is a 415). A hot look-up
        spends about 8% of its time in those layers (bench/bench_request.py)."""

        def swap(state) -> None:
            name = f"{self.name}.{endpoint}"
            wrapped = state.app.view_functions[name]
            view = inspect.unwrap(wrapped)
            parse = self.ARGUMENTS_PARSER.parse

            @functools.wraps(wrapped)
            def direct_view(**kwargs):
                if guard is not None:
                    guard()
                response = view(**kwargs, **parse(schema, location=location))
                if not isinstance(response, Response):
                    raise TypeError(f"{name} must return a Response, not {type(response)}")
                return response

            direct_view.wrapped = wrapped  # what flask-smorest registered (for tests)
            state.app.view_functions[name] = direct_view

        self.record(swap)

    def problems(self, *codes: int):
        """Document error responses (problem details) for the decorated view."""

        def decorator(func):
            for code in reversed(codes):
                func = self.alt_response(code, response=HTTPStatus(code).name)(func)
            return func

        return decorator


def snapshot() -> Snapshot:
    index: QuoteIndex = current_app.extensions["kutip"]
    return index.snapshot


def index() -> QuoteIndex:
    return current_app.extensions["kutip"]


# -- query parameters ---------------------------------------------------------------------


class QueryArgs(Schema):
    """A schema of query parameters, loaded parameter by parameter.

    `Schema.load` runs marshmallow's whole pipeline (hooks, error store, a closure and a
    call for every declared field) for a query that names one or two parameters: in a
    speaker look-up that was a fifth of the request. This loads the parameters present
    and the declared defaults, each with its own field's `deserialize` (validators
    included), and gives what `Schema.load` gives, result or ValidationError messages
    (tests/api/test_query_args.py compares the two). Schemas with hooks, and calls with
    options, take the whole pipeline.
    """

    def load(self, data, *, many=None, partial=None, unknown=None):
        plan = self._plan() if not (many or partial or unknown) else None
        if plan is None or not isinstance(data, Mapping):
            return super().load(data, many=many, partial=partial, unknown=unknown)
        by_key, defaults = plan
        result = self.dict_class()
        errors: dict = {}
        for key, value in data.items():
            found = by_key.get(key)
            if found is None:
                if self.unknown == RAISE:
                    errors[key] = [self.error_messages["unknown"]]
                continue
            name, field = found
            try:
                value = field.deserialize(value, key, data)
            except ValidationError as error:
                errors[key] = error.messages
                continue
            if value is not missing:
                result[name] = value
        for key, name, field in defaults:
            if key not in data:
                try:
                    result[name] = field.deserialize(missing, key, data)
                except ValidationError as error:
                    errors[key] = error.messages
        if errors:
            # in Schema.load's order (a 400 body lists them so): declared fields first,
            # then unknown parameters (in the query's order, where marshmallow's is a set's)
            ordered = {key: errors[key] for key in by_key if key in errors}
            ordered.update((key, errors[key]) for key in errors if key not in by_key)
            error = ValidationError(ordered, data=data, valid_data=result)
            self.handle_error(error, data, many=False, partial=None)
            raise error
        return result

    def _plan(self):
        """(input key -> (output name, field), the fields to load when absent: required
        or with a default), or None where only the whole pipeline will do."""
        plan = self.__dict__.get("_query_plan", False)
        if plan is not False:
            return plan
        fields_ = self.load_fields
        simple = (
            not self.many
            and self.unknown in (RAISE, EXCLUDE)
            and not any(self._hooks.values())
            and all("." not in (f.attribute or "") for f in fields_.values())
        )
        plan = None
        if simple:
            by_key = {(f.data_key or name): (f.attribute or name, f) for name, f in fields_.items()}
            defaults = [
                (key, name, f)
                for key, (name, f) in by_key.items()
                if f.required or f.load_default is not missing
            ]
            plan = (by_key, defaults)
        self._query_plan = plan
        return plan


# -- paging -------------------------------------------------------------------------------


class PageArgs(QueryArgs):
    limit = fields.Integer(
        load_default=20,
        validate=validate.Range(1, 100),
        metadata={"description": "Items per page, 1 to 100.", "example": 20},
    )
    cursor = fields.String(
        validate=validate.Regexp(r"^[0-9]{1,9}$", error="Not a cursor this API returned."),
        metadata={
            "description": "The `next_cursor` of the previous page, to get the next one "
            "(with the same filters and limit).",
            "example": "20",
        },
    )


def page(ids: Sequence, args: dict, render) -> dict:
    """One page of `ids` as {"items", "total", "next_cursor"}.

    The cursor is the position of the page's first item among all that match.
    """
    offset = int(args.get("cursor") or 0)
    limit = args["limit"]
    following = offset + limit
    return {
        "items": [render(i) for i in ids[offset:following]],
        "total": len(ids),
        "next_cursor": str(following) if following < len(ids) else None,
    }


def dumps(value) -> str:
    """JSON as `jsonify` writes it outside debug mode: compact, ASCII, keys as given."""
    return json.dumps(value, ensure_ascii=True, separators=(",", ":"))


def json_response(body: str) -> Response:
    """A 200 with JSON already serialised: the views' schemas document it, and skipping
    marshmallow's dump (the body is built from the same dicts) is most of a request's
    cost. `jsonify` ends its body with a newline; so does this."""
    return current_app.response_class(body + "\n", mimetype=current_app.json.mimetype)


def page_json(ids: Sequence, args: dict, render_json: Callable[[str], str]) -> Response:
    """`page` with every item already JSON (`render_json(id)`): the same body."""
    offset = int(args.get("cursor") or 0)
    following = offset + args["limit"]
    items = ",".join(render_json(i) for i in ids[offset:following])
    following_cursor = f'"{following}"' if following < len(ids) else "null"
    return json_response(
        f'{{"items":[{items}],"total":{len(ids)},"next_cursor":{following_cursor}}}'
    )


def add_vary(response: Response, name: str) -> None:
    """`response.vary.add(name)` without building a HeaderSet (a sixth of a look-up's
    header work); names compare case-insensitively, as in HeaderSet."""
    headers = response.headers
    current = headers.get("Vary")
    if not current:
        headers["Vary"] = name
    elif name.lower() not in (v.strip().lower() for v in current.split(",")):
        headers["Vary"] = f"{current}, {name}"


def page_schema(item_schema: type[Schema], name: str) -> type[Schema]:
    return Schema.from_dict(
        {
            "items": fields.List(fields.Nested(item_schema), required=True),
            "total": fields.Integer(
                required=True, metadata={"description": "How many items match in all."}
            ),
            "next_cursor": fields.String(
                required=True,
                allow_none=True,
                metadata={
                    "description": "Pass as `cursor` for the next page; null on the last page."
                },
            ),
        },
        name=name,
    )


# -- shared schemas and renderers -----------------------------------------------------


class SpeakerRefSchema(Schema):
    id = fields.String(required=True, metadata={"example": "spk_3f1c0e5a9b2d"})
    name = fields.String(required=True, metadata={"example": "Alexander Lukashenko"})
    role = fields.String(required=True, allow_none=True, metadata={"example": "Presiden Belarus"})
    aliases = fields.List(
        fields.String(), required=True, metadata={"example": ["Aleksandar Lukashenko"]}
    )


class ArticleRefSchema(Schema):
    id = fields.String(required=True, metadata={"example": "art_705f8b7f1c980ff9"})
    title = fields.String(required=True, allow_none=True)
    publisher = fields.String(required=True, allow_none=True, metadata={"example": "Republika"})
    published = fields.String(
        required=True,
        allow_none=True,
        metadata={
            "description": "ISO 8601 with offset; a date alone for an article that has no "
            "date line, dated by the first day its text names.",
            "example": "2021-09-10T11:56:00+07:00",
        },
    )
    url = fields.String(required=True, allow_none=True)


def speaker_ref(snap: Snapshot, speaker_id: str | None) -> dict | None:
    if speaker_id is None:
        return None
    speaker = snap.speakers[speaker_id]
    return {
        "id": speaker.id,
        "name": speaker.name,
        "role": speaker.role,
        "aliases": list(speaker.aliases),
    }


def public_url(endpoint: str, **values) -> str:
    """The address of `endpoint` to give out in a body (JSON-LD @id): under the configured
    public base (KUTIP_PUBLIC_URL), else the path on this server, which a client resolves
    against the address it asked. Never from the request's Host header, which the client
    chooses."""
    path = url_for(endpoint, **values)
    base = current_app.config.get("PUBLIC_URL")
    if base is None:
        return path
    # the base names the API's root: the prefix this app is mounted under is in it
    return base + path[len(request.script_root) :]
