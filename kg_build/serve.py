"""A read-only SPARQL 1.1 Protocol endpoint over ``DIR/kg.ttl``, on the standard library's
``ThreadingHTTPServer`` (no web framework: nothing to install, and the protocol is small).

Routes: ``/sparql`` (GET and POST, content negotiation), ``/queries/<name>`` (a named query with
its parameters bound as values), ``/queries.json`` and a self-contained page at ``/``. Updates
are refused with 403; every query gets a time budget and a row limit; CORS allows browser
clients. The logic lives in :class:`Endpoint`, so ``--get PATH`` and tests can call it without
a socket.
"""

from __future__ import annotations

import json
import re
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

from .errors import QueryError
from .query import NamedQuery, QueryTimeout, Result, bind_params, execute, load_queries, open_store

RESULT_TYPES = {
    "json": "application/sparql-results+json",
    "xml": "application/sparql-results+xml",
    "csv": "text/csv",
    "tsv": "text/tab-separated-values",
}
GRAPH_TYPES = {"turtle": "text/turtle", "json-ld": "application/ld+json", "nt": "application/n-triples"}
ALIASES = {
    "application/json": "json", "application/xml": "xml", "text/xml": "xml",
    "application/x-turtle": "turtle", "application/turtle": "turtle", "ttl": "turtle",
    "application/json+ld": "json-ld", "application/x-json+ld": "json-ld", "jsonld": "json-ld",
    "text/plain": "nt", "ntriples": "nt",
}
READ_ONLY = ("this endpoint is read-only: SPARQL Update (INSERT, DELETE, LOAD, CLEAR, DROP, …) is "
             "not accepted; send a SELECT, ASK, CONSTRUCT or DESCRIBE query.")
NO_SERVICE = ("this endpoint does not make requests to other endpoints: SERVICE is not accepted; "
              "query the other endpoint yourself.")
_UPDATE_START = re.compile(
    r"^\s*(?:(?:#[^\n]*\n|\s)*(?:PREFIX\s+[\w.-]*:\s*<[^>]*>|BASE\s*<[^>]*>))*(?:#[^\n]*\n|\s)*"
    r"(INSERT|DELETE|LOAD|CLEAR|CREATE|DROP|COPY|MOVE|ADD|WITH)\b", re.I)


@dataclass
class Response:
    status: int
    body: bytes = b""
    content_type: str = "text/plain; charset=utf-8"
    headers: dict[str, str] = field(default_factory=dict)


class Endpoint:
    """Answers protocol requests for one output directory."""

    def __init__(self, out: str | Path = "out", *, timeout: float = 10.0, limit: int = 10000,
                 workers: int = 4, queries_dir: str | Path | None = None) -> None:
        self.out = Path(out)
        self.timeout = timeout
        self.limit = limit
        self.queries = load_queries(queries_dir)
        self._pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="sparql")
        self._slots = threading.BoundedSemaphore(workers)  # a query holds its slot until it really ends
        open_store(self.out, memory=True)  # build or check the store before the first request

    def close(self) -> None:
        self._pool.shutdown(wait=False, cancel_futures=True)

    # -------------------------------------------------------------- routing

    def handle(self, method: str, target: str, headers: dict[str, str], body: bytes = b"") -> Response:
        parts = urlsplit(target)
        path = parts.path.rstrip("/") or "/"
        lists = parse_qs(parts.query, keep_blank_values=True)
        args = {k: v[-1] for k, v in lists.items()}
        args["format"] = ",".join(lists.get("format", []) + lists.get("output", []))
        if method == "OPTIONS":
            return Response(204)
        if method not in ("GET", "POST", "HEAD"):
            return Response(405, f"method {method} is not allowed; use GET or POST.\n".encode(),
                            headers={"Allow": "GET, POST, OPTIONS"})
        if path == "/" and method != "POST":
            return Response(200, self.page().encode("utf-8"), "text/html; charset=utf-8")
        if path == "/queries.json":
            listing = [{"name": q.name, "title": q.title, "description": q.description, "form": q.form,
                        "params": [{"name": p.name, "kind": p.kind, "default": p.default,
                                    "description": p.description} for p in q.params]}
                       for q in self.queries.values()]
            return Response(200, json.dumps(listing, ensure_ascii=False, indent=2).encode(),
                            "application/json; charset=utf-8")
        if path == "/sparql":
            return self._sparql(method, args, headers, body)
        if path.startswith("/queries/"):
            name = unquote(path[len("/queries/"):])
            if name not in self.queries:
                return _error(404, f"no query named '{name}'; the named queries are: {', '.join(self.queries)}.")
            named = self.queries[name]
            params = {k: v for k, v in args.items() if k not in ("format", "output")}
            try:
                bindings = bind_params(named, params)
            except QueryError as error:
                return _error(400, str(error))
            return self._run(named, bindings, args.get("format"), headers.get("accept", ""))
        return _error(404, f"nothing at {path}; the endpoint is /sparql and the page is /.")

    def _sparql(self, method: str, args: dict[str, str], headers: dict[str, str], body: bytes) -> Response:
        ctype = headers.get("content-type", "").split(";")[0].strip().lower()
        text = args.get("query")
        if method == "POST":
            if ctype == "application/sparql-update":
                return _error(403, READ_ONLY)
            if ctype == "application/x-www-form-urlencoded":
                fields = parse_qs(body.decode("utf-8", "replace"), keep_blank_values=True)
                form = {k: v[-1] for k, v in fields.items()}
                form["format"] = ",".join(filter(None, [args.get("format", "")] + fields.get("format", [])
                                                 + fields.get("output", [])))
                if "update" in form:
                    return _error(403, READ_ONLY)
                text = form.get("query", text)
                args = {**args, **form}
            elif ctype == "application/sparql-query":
                text = body.decode("utf-8", "replace")
            else:
                return _error(415, f"unsupported content type '{ctype}'; send application/sparql-query or "
                                   "an application/x-www-form-urlencoded form with query=.")
        if "update" in args:
            return _error(403, READ_ONLY)
        if not text:
            return _error(400, "no query: give query=… (GET or form POST) or a POST body of type "
                               "application/sparql-query.")
        if _UPDATE_START.match(text):
            return _error(403, READ_ONLY)
        if args.get("default-graph-uri") or args.get("named-graph-uri"):
            return _error(400, "this endpoint has a single default graph; drop default-graph-uri and named-graph-uri.")
        return self._run(NamedQuery.from_text("-e", text), {}, args.get("format"), headers.get("accept", ""))

    # -------------------------------------------------------------- execution

    def _run(self, named: NamedQuery, bindings: dict[str, Any], fmt: str | None, accept: str) -> Response:
        if named.federated:
            return _error(403, NO_SERVICE)
        graph_form = named.form in ("CONSTRUCT", "DESCRIBE")
        chosen = negotiate(fmt, accept, GRAPH_TYPES if graph_form else RESULT_TYPES)
        if chosen is None:
            offered = ", ".join((GRAPH_TYPES if graph_form else RESULT_TYPES).values())
            return _error(406, f"cannot answer in '{fmt or accept}'; this query can be given as: {offered}.")
        if not self._slots.acquire(timeout=self.timeout):
            return _error(503, f"the endpoint stayed busy for {self.timeout:g} s; try again in a moment.",
                          {"Retry-After": "1"})
        try:
            deadline = time.monotonic() + self.timeout
            future = self._pool.submit(execute, named, bindings, out=self.out, engine="oxigraph",
                                       limit=self.limit, deadline=deadline, memory=True)
            future.add_done_callback(lambda _: self._slots.release())
        except BaseException:
            self._slots.release()
            raise
        try:
            result: Result = future.result(timeout=self.timeout)
        except FutureTimeout:
            return _error(503, f"the query took longer than {self.timeout:g} s and was stopped; add a LIMIT "
                               "or narrow the pattern.")
        except QueryTimeout as error:
            return _error(503, str(error))
        except QueryError as error:
            return _error(400, str(error))
        headers = {"X-Result-Truncated": "true"} if result.truncated else {}
        if result.truncated:
            headers["X-Result-Limit"] = str(self.limit)
        media = (GRAPH_TYPES if graph_form else RESULT_TYPES)[chosen]
        charset = "" if chosen in ("json", "json-ld", "xml") else "; charset=utf-8"
        if chosen == "csv":
            charset = "; charset=utf-8; header=present"
        return Response(200, result.serialize(chosen).encode("utf-8"), media + charset, headers)

    # -------------------------------------------------------------- the page

    def page(self) -> str:
        data = [{"name": q.name, "title": q.title, "description": q.description,
                 "params": [{"name": p.name, "default": p.default or "", "description": p.description}
                            for p in q.params]} for q in self.queries.values()]
        blob = json.dumps(data, ensure_ascii=False).replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
        return PAGE.replace("__QUERIES__", blob)


def negotiate(fmt: str | None, accept: str, offered: dict[str, str]) -> str | None:
    """The format key to answer in: the first known entry of ``format`` (names or media types,
    comma-separated, as clients such as SPARQLWrapper send them) wins, else the best Accept entry
    (q-values honoured, wildcards allowed), else the first offered."""
    by_type = {v: k for k, v in offered.items()}
    for entry in (fmt or "").split(","):
        item = entry.strip().lower()
        key = by_type.get(item) or ALIASES.get(item, item)
        if key in offered:
            return key
    if not accept.strip():
        return next(iter(offered))
    choices = []
    for order, item in enumerate(accept.split(",")):
        media, *attrs = [s.strip() for s in item.split(";")]
        quality = 1.0
        for attr in attrs:
            if attr.startswith("q="):
                try:
                    quality = float(attr[2:])
                except ValueError:
                    quality = 0.0
        choices.append((-quality, order, media.lower()))
    for negative_q, _, media in sorted(choices):
        if negative_q >= 0:
            continue
        if media in ("*/*", "application/*", "text/*"):
            for name, value in offered.items():
                if media == "*/*" or value.startswith(media[:-1]):
                    return name
        found = by_type.get(media) or ALIASES.get(media)
        if found in offered:
            return found
    return None


def _error(status: int, message: str, headers: dict[str, str] | None = None) -> Response:
    return Response(status, (message + "\n").encode("utf-8"), headers=headers or {})


class _Handler(BaseHTTPRequestHandler):
    endpoint: Endpoint
    server_version = "kg-build"
    protocol_version = "HTTP/1.1"

    def _respond(self, method: str) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        if length > 1_000_000:
            response = _error(413, "the request body is larger than 1 MB.")
            self.close_connection = True  # the unread body must not be taken for the next request
        else:
            body = self.rfile.read(length) if length else b""
            headers = {k.lower(): v for k, v in self.headers.items()}
            try:
                response = self.endpoint.handle(method, self.path, headers, body)
            except Exception as error:  # never let one request take the server down
                response = _error(500, f"internal error: {error}")
        self.send_response(response.status)
        self.send_header("Content-Type", response.content_type)
        self.send_header("Content-Length", str(len(response.body)))
        self.send_header("Access-Control-Allow-Origin", "*")
        self.send_header("Access-Control-Allow-Methods", "GET, POST, OPTIONS")
        self.send_header("Access-Control-Allow-Headers", "Content-Type, Accept")
        self.send_header("Access-Control-Expose-Headers", "X-Result-Truncated, X-Result-Limit")
        self.send_header("Vary", "Accept")
        for key, value in response.headers.items():
            self.send_header(key, value)
        self.end_headers()
        if method != "HEAD":
            self.wfile.write(response.body)

    def do_GET(self) -> None:
        self._respond("GET")

    def do_HEAD(self) -> None:
        self._respond("HEAD")

    def do_POST(self) -> None:
        self._respond("POST")

    def do_OPTIONS(self) -> None:
        self._respond("OPTIONS")

    def do_PUT(self) -> None:
        self._respond("PUT")

    def do_DELETE(self) -> None:
        self._respond("DELETE")

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - the base class's name
        if getattr(self.server, "verbose", False):
            super().log_message(format, *args)


class Server(ThreadingHTTPServer):
    """The HTTP server; closing it also stops the query workers."""

    daemon_threads = True
    endpoint: Endpoint
    verbose = False

    def server_close(self) -> None:
        super().server_close()
        self.endpoint.close()


def make_server(out: str | Path = "out", host: str = "127.0.0.1", port: int = 8000, *,
                timeout: float = 10.0, limit: int = 10000, verbose: bool = False) -> Server:
    """A server bound to ``host:port`` (port 0 picks a free one); call ``serve_forever()``."""
    endpoint = Endpoint(out, timeout=timeout, limit=limit)
    handler = type("Handler", (_Handler,), {"endpoint": endpoint})
    server = Server((host, port), handler)
    server.endpoint = endpoint
    server.verbose = verbose
    return server


def get(path: str, out: str | Path = "out", accept: str = "") -> Response:
    """Answer one GET request without a socket (``kg-build serve --get PATH``)."""
    endpoint = Endpoint(out)
    try:
        return endpoint.handle("GET", path, {"accept": accept})
    finally:
        endpoint.close()


PAGE = """<!doctype html>
<html lang="zh"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>kg-build SPARQL</title>
<style>
body{font:15px/1.5 system-ui,sans-serif;margin:0 auto;max-width:1100px;padding:1em;color:#222}
h1{font-size:1.4em}h2{font-size:1.1em;margin:.2em 0}
.q{border:1px solid #ddd;border-radius:6px;padding:.6em .8em;margin:.6em 0}
.q p{margin:.2em 0;color:#555}label{margin-right:1em}input{width:12em}
textarea{width:100%;height:12em;font:13px monospace}
table{border-collapse:collapse;margin:.6em 0;font-size:13px}td,th{border:1px solid #ccc;padding:2px 6px;vertical-align:top;text-align:left}
th{background:#f4f4f4}pre{background:#f7f7f7;padding:.6em;overflow:auto}#status{color:#a00}
button{margin-left:.4em}
</style></head><body>
<h1>kg-build SPARQL endpoint</h1>
<p>Protocol endpoint: <code>/sparql</code> (GET or POST, read-only). Named queries: <code>/queries/NAME?param=value</code>.</p>
<h2>Your query</h2>
<textarea id="text">PREFIX kg: &lt;https://w3id.org/kg-build/ontology#&gt;
PREFIX rdfs: &lt;http://www.w3.org/2000/01/rdf-schema#&gt;
SELECT ?class (COUNT(?x) AS ?n) WHERE { ?x a ?class } GROUP BY ?class ORDER BY DESC(?n)</textarea>
<button id="runtext">Run</button>
<div id="status"></div><div id="results"></div>
<h2>Named queries</h2><div id="named"></div>
<script id="queries" type="application/json">__QUERIES__</script>
<script>
"use strict";
const queries = JSON.parse(document.getElementById("queries").textContent);
const el = (tag, text) => { const e = document.createElement(tag); if (text !== undefined) e.textContent = text; return e; };
function show(response) {
  const status = document.getElementById("status"), out = document.getElementById("results");
  out.replaceChildren(); status.textContent = "";
  const type = response.headers.get("Content-Type") || "";
  return response.text().then(body => {
    if (!response.ok) { status.textContent = response.status + ": " + body; return; }
    if (!type.includes("sparql-results+json")) { out.append(el("pre", body)); return; }
    const data = JSON.parse(body);
    if ("boolean" in data) { out.append(el("p", String(data.boolean))); return; }
    const table = el("table"), head = el("tr");
    data.head.vars.forEach(v => head.append(el("th", v)));
    table.append(head);
    data.results.bindings.forEach(row => {
      const tr = el("tr");
      data.head.vars.forEach(v => tr.append(el("td", row[v] ? row[v].value : "")));
      table.append(tr);
    });
    out.append(el("p", data.results.bindings.length + " rows"), table);
  });
}
function ask(url, options) {
  document.getElementById("status").textContent = "running…";
  fetch(url, options).then(show).catch(e => { document.getElementById("status").textContent = String(e); });
}
document.getElementById("runtext").addEventListener("click", () => {
  const body = new URLSearchParams({query: document.getElementById("text").value});
  ask("sparql", {method: "POST", body, headers: {"Accept": "application/sparql-results+json, text/turtle;q=0.9"}});
});
const named = document.getElementById("named");
queries.forEach(q => {
  const box = el("div"); box.className = "q";
  box.append(el("h2", q.title + " (" + q.name + ")"), el("p", q.description));
  const inputs = {};
  q.params.forEach(p => {
    const label = el("label", p.name + " "), input = el("input");
    input.value = p.default; input.title = p.description; inputs[p.name] = input;
    label.append(input); box.append(label);
  });
  const button = el("button", "Run");
  button.addEventListener("click", () => {
    const args = new URLSearchParams();
    Object.entries(inputs).forEach(([k, i]) => args.set(k, i.value));
    ask("queries/" + encodeURIComponent(q.name) + "?" + args, {headers: {"Accept": "application/sparql-results+json, text/turtle;q=0.9"}});
  });
  box.append(button); named.append(box);
});
</script></body></html>
"""


__all__ = ["Endpoint", "Response", "Server", "get", "make_server", "negotiate"]
