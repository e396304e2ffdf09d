"""A static linked-data site: a Turtle file and HTML pages for every resource IRI under the
base, the dataset files and an index page, servable by any plain web server."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS
from rdflib.term import Node

from ..validate import graph_base, load_built_graph
from ..vocab import KG
from .base import DATASET_FILES, Triple, _new_graph, _write, dataset_iri
from .void import write_void


@dataclass(frozen=True, slots=True)
class Site:
    root: Path
    resources: int
    files: int


def _resource_path(iri: str, base: str) -> str | None:
    """The site path of an IRI under ``base`` (fragment dropped), or None when it is not ours."""
    if not iri.startswith(base):
        return None
    path = iri[len(base):].split("#", 1)[0]
    parts = path.split("/")
    if not path or any(p in ("", ".", "..") for p in parts) or any(c in path for c in "?\\"):
        return None
    return path


def _html_page(doc: str, base: str, graph: Graph, page_dir: str, triples: list[Triple], incoming: list[Triple]) -> str:
    import html
    import posixpath

    def href(iri: str) -> str:
        path = _resource_path(iri, base)
        if path is None:
            return iri
        fragment = "#" + iri.split("#", 1)[1] if "#" in iri else ""
        return posixpath.relpath(path + ".html", page_dir or ".") + fragment

    def show(node: object) -> str:
        if isinstance(node, Literal):
            extra = f"@{node.language}" if node.language else (f" ({graph.namespace_manager.normalizeUri(node.datatype)})" if node.datatype else "")
            return f"{html.escape(str(node))}<small>{html.escape(extra)}</small>"
        iri = str(node)
        label = graph.value(URIRef(iri), RDFS.label)
        name = str(label) if label is not None else graph.namespace_manager.normalizeUri(URIRef(iri))
        return f'<a href="{html.escape(href(iri), quote=True)}">{html.escape(name)}</a>'

    label = graph.value(URIRef(doc), RDFS.label)
    title = str(label) if label is not None else doc
    name = posixpath.basename(doc[len(base):])
    own = posixpath.relpath(doc[len(base):] + ".ttl", page_dir or ".")
    rows = [f"<tr><td>{show(s) if str(s) != doc else ''}</td><td>{show(p)}</td><td>{show(o)}</td></tr>"
            for s, p, o in triples]
    back = [f"<tr><td>{show(s)}</td><td>{show(p)}</td><td>{show(o) if str(o) != doc else ''}</td></tr>"
            for s, p, o in incoming]
    return "\n".join([
        "<!DOCTYPE html>", '<html lang="zh">', "<head>", '<meta charset="utf-8">',
        f"<title>{html.escape(title)}</title>",
        f'<link rel="alternate" type="text/turtle" href="{html.escape(own, quote=True)}">',
        "<style>body{font-family:sans-serif;margin:2em}td{padding:.2em .6em;vertical-align:top}</style>",
        "</head>", "<body>", f"<h1>{html.escape(title)}</h1>",
        f"<p><code>{html.escape(doc)}</code> · <a href=\"{html.escape(own, quote=True)}\">Turtle</a> ({html.escape(name)}.ttl)</p>",
        "<table>", *rows, "</table>",
        *(["<h2>Referenced by</h2>", "<table>", *back, "</table>"] if back else []),
        "</body>", "</html>", ""])


def publish_site(out_dir: Path, site_dir: Path) -> Site:
    """Write a static linked-data site: for each resource IRI ``<base>P``, ``P.ttl``, ``P.html``
    and ``P/index.html`` (so a plain web server answers the bare IRI), plus the dataset files."""
    graph = load_built_graph(out_dir)
    base = graph_base(graph)
    if not (out_dir / "void.ttl").is_file():
        write_void(graph, out_dir)
    void = Graph().parse(out_dir / "void.ttl", format="turtle")
    everything = _new_graph(base)
    for triple in list(graph) + list(void):
        everything.add(triple)
    for prefix, namespace in void.namespaces():
        everything.bind(prefix, namespace, override=False)
    docs: dict[str, list[Node]] = {}
    for subject in set(everything.subjects()):
        path = _resource_path(str(subject), base)
        if path is not None:
            docs.setdefault(str(subject).split("#", 1)[0], []).append(subject)
    files = 0
    for doc in sorted(docs):
        path = doc[len(base):]
        subjects = sorted(docs[doc], key=str)
        own = sorted((t for s in subjects for t in everything.triples((s, None, None))), key=lambda t: (str(t[0]), str(t[1]), t[2].n3()))
        incoming = sorted((t for s in subjects for t in everything.triples((None, None, s)) if str(t[0]).split("#", 1)[0] != doc),
                          key=lambda t: (str(t[0]), str(t[1])))
        page = _new_graph(base)
        for prefix, namespace in void.namespaces():
            page.bind(prefix, namespace, override=False)
        for triple in own + incoming:
            page.add(triple)
        _write(site_dir / f"{path}.ttl", page.serialize(format="turtle", encoding="utf-8"))
        parent = path.rsplit("/", 1)[0] if "/" in path else ""
        _write(site_dir / f"{path}.html", _html_page(doc, base, everything, parent, own, incoming).encode("utf-8"))
        _write(site_dir / path / "index.html", _html_page(doc, base, everything, path, own, incoming).encode("utf-8"))
        files += 3
    for name in ("void.ttl", *DATASET_FILES):
        if (out_dir / name).is_file():
            site_dir.mkdir(parents=True, exist_ok=True)
            _write(site_dir / name, (out_dir / name).read_bytes())
            files += 1
    reports = sorted(graph.subjects(RDF.type, KG.Report), key=str)
    links = [_html_link(str(r), base, everything) for r in reports]
    links += [_html_link(str(dataset_iri(base)), base, everything)]
    index = ("<!DOCTYPE html>\n<html lang=\"zh\">\n<head><meta charset=\"utf-8\"><title>kg-build linked data</title>"
             "<link rel=\"alternate\" type=\"text/turtle\" href=\"void.ttl\"></head>\n<body>\n<h1>kg-build linked data</h1>\n"
             f"<p>{len(docs)} resources · <a href=\"kg.ttl\">kg.ttl</a> · <a href=\"void.ttl\">void.ttl</a></p>\n<ul>\n"
             + "\n".join(f"<li>{link}</li>" for link in links) + "\n</ul>\n</body>\n</html>\n")
    _write(site_dir / "index.html", index.encode("utf-8"))
    return Site(site_dir, len(docs), files + 1)


def _html_link(iri: str, base: str, graph: Graph) -> str:
    import html

    label = graph.value(URIRef(iri), RDFS.label) or graph.value(URIRef(iri), DCTERMS.title) or iri
    return f'<a href="{html.escape(iri[len(base):], quote=True)}.html">{html.escape(str(label))}</a>'
