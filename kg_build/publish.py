"""Publishing: exports in five RDF formats (named graphs per report), the VoID/DCAT description
``void.ttl``, a static linked-data site, and pushing graphs to a store (SPARQL 1.1 Graph Store
HTTP Protocol).

Named graphs: each report's facts live in the graph named by the report's IRI (the report node, the
descriptions of the entities it mentions, the relations its evidence supports with that evidence,
and its observations with their indicators); the gazetteer-derived facts live in
``<base>graph/gazetteer``; the ontology in ``<ontology IRI>``.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.term import Node
from rdflib.namespace import DCAT, DCTERMS, FOAF, PROV, RDF, RDFS, VOID, XSD, Namespace

from .build import BuildResult, write_atomic
from .config import Config
from .errors import InputError, KgBuildError
from .validate import ONTOLOGY_DIR, graph_base, load_built_graph, load_ontology
from .vocab import DEFAULT_BASE, KG, ONTOLOGY_IRI, PREFIXES, data_prefixes

SPDX = Namespace("http://spdx.org/rdf/terms#")
Triple = tuple[Node, Node, Node]


@dataclass(frozen=True, slots=True)
class Format:
    name: str
    rdflib: str
    media_type: str
    suffix: str
    w3c: str  # http://www.w3.org/ns/formats/ IRI, for void:feature


FORMATS: dict[str, Format] = {
    "ttl": Format("ttl", "turtle", "text/turtle", ".ttl", "Turtle"),
    "nt": Format("nt", "nt", "application/n-triples", ".nt", "N-Triples"),
    "jsonld": Format("jsonld", "json-ld", "application/ld+json", ".jsonld", "JSON-LD"),
    "trig": Format("trig", "trig", "application/trig", ".trig", "TriG"),
    "nq": Format("nq", "nquads", "application/n-quads", ".nq", "N-Quads"),
}
DATASET_FILES = tuple(f"kg{f.suffix}" for f in FORMATS.values())

UNKNOWN_FORMAT = "unknown export format '{fmt}'; use one of: {known}."
UNKNOWN_GRAPH = "no named graph <{graph}> in {path}; the graphs are: {known}."
PUSH_FAILED = "{endpoint}: PUT of graph <{graph}> failed: {reason}; is it a SPARQL 1.1 Graph Store endpoint (Oxigraph: http://HOST:PORT/store)?"


class PublishError(KgBuildError):
    """Publishing to a store or a directory failed."""


def _write(path: Path, data: bytes) -> None:
    """Write atomically and make the file world-readable (a web server serves it)."""
    import os

    write_atomic(path, data)
    os.chmod(path, 0o644)


def gazetteer_graph(base: str) -> URIRef:
    return URIRef(base + "graph/gazetteer")


def dataset_iri(base: str) -> URIRef:
    return URIRef(base + "dataset")


# ---------------------------------------------------------------- named graphs


def partition(graph: Graph, base: str | None = None) -> dict[URIRef | None, set[Triple]]:
    """Split the data graph into named graphs (see the module docstring). Key ``None`` is the
    default graph: triples no rule places (empty for a graph kg-build built)."""
    base = base or graph_base(graph)
    relations = set(graph.transitive_subjects(RDFS.subPropertyOf, KG.relation)) | {
        KG.partnersWith, KG.assists, KG.supports, KG.locatedIn, KG.establishes, KG.hosts, KG.enacts, KG.implements}
    parts: dict[URIRef | None, set[Triple]] = {}
    placed: set[Triple] = set()

    def put(name: URIRef, triples: Iterable[Triple]) -> None:
        bucket = parts.setdefault(name, set())
        for triple in triples:
            bucket.add(triple)
            placed.add(triple)

    def describe(name: URIRef, node: Node) -> None:  # a node's own statements, not its relations
        put(name, (t for t in graph.triples((node, None, None)) if t[1] not in relations))

    def evidence(name: URIRef, node: Node) -> None:
        describe(name, node)
        s, p, o = graph.value(node, RDF.subject), graph.value(node, RDF.predicate), graph.value(node, RDF.object)
        if s is not None and p is not None and o is not None and (s, p, o) in graph:
            put(name, [(s, p, o)])

    for report in sorted(graph.subjects(RDF.type, KG.Report), key=str):
        assert isinstance(report, URIRef)
        describe(report, report)
        for entity in list(graph.objects(report, KG.mentions)) + list(graph.objects(report, KG.issuer)):
            describe(report, entity)
        for node in graph.subjects(PROV.wasDerivedFrom, report):
            if (node, RDF.type, KG.Evidence) in graph:
                evidence(report, node)
            else:
                describe(report, node)
                for indicator in graph.objects(node, KG.indicator):
                    describe(report, indicator)
    gazetteer = gazetteer_graph(base)
    for node in graph.subjects(KG.derivation, KG.GazetteerDerivation):
        evidence(gazetteer, node)
    described = {s for s, p, _ in placed if p == RDF.type}
    for subject in sorted(set(graph.subjects(RDF.type, None)) - described, key=str):  # e.g. parent areas
        describe(gazetteer, subject)
    rest = {t for t in graph if t not in placed}
    if rest:
        parts[None] = rest
    return parts


def named_graphs(graph: Graph, *, with_ontology: bool = True) -> dict[URIRef | None, Graph]:
    """The partition as rdflib graphs, plus the ontology graph, in a stable order."""
    from rdflib.compare import to_canonical_graph

    base = graph_base(graph)
    out: dict[URIRef | None, Graph] = {}
    parts = partition(graph, base)
    for name in sorted(parts, key=lambda n: (n is not None, str(n))):
        g = _new_graph(base)
        for triple in parts[name]:
            g.add(triple)
        out[name] = g
    if with_ontology:
        ontology = _new_graph(base)
        for triple in to_canonical_graph(load_ontology()):  # blank-node ids stable across runs
            ontology.add(triple)
        out[URIRef(ONTOLOGY_IRI)] = ontology
    return out


def _new_graph(base: str) -> Graph:
    g = Graph(bind_namespaces="core")
    for prefix, namespace in data_prefixes(base).items():
        g.bind(prefix, namespace, override=True)
    return g


# ---------------------------------------------------------------- serializations


def _sorted_lines(data: str) -> list[str]:
    return sorted(line for line in data.splitlines() if line.strip())


def jsonld_context(base: str) -> dict[str, object]:
    """The published context (``ontology/context.jsonld``), its data prefixes moved to ``base``."""
    context = json.loads((ONTOLOGY_DIR / "context.jsonld").read_text(encoding="utf-8"))["@context"]
    return {k: (base + v[len(DEFAULT_BASE):] if isinstance(v, str) and v.startswith(DEFAULT_BASE) else v)
            for k, v in context.items()}


def _sort_json(value: object, key: str = "") -> object:
    """Sort JSON-LD arrays (unordered sets in RDF) so the output is byte-stable; keep @list order."""
    if isinstance(value, dict):
        return {k: _sort_json(v, k) for k, v in value.items()}
    if isinstance(value, list):
        items = [_sort_json(v) for v in value]
        return items if key == "@list" else sorted(items, key=lambda v: json.dumps(v, sort_keys=True, ensure_ascii=False))
    return value


def render(graph: Graph, fmt: str) -> bytes:
    """``graph`` in one of FORMATS, deterministic (byte-identical for the same graph)."""
    if fmt not in FORMATS:
        raise InputError(UNKNOWN_FORMAT.format(fmt=fmt, known=", ".join(FORMATS)))
    base = graph_base(graph)
    if fmt == "ttl":
        data = _new_graph(base)
        for triple in graph:
            data.add(triple)
        return data.serialize(format="turtle", encoding="utf-8")
    if fmt == "nt":
        return ("\n".join(_sorted_lines(graph.serialize(format="nt"))) + "\n").encode("utf-8")
    if fmt == "jsonld":
        context = jsonld_context(base)
        doc = json.loads(graph.serialize(format="json-ld", context=context, auto_compact=True))
        doc["@context"] = context
        text = json.dumps(_sort_json(doc), ensure_ascii=False, indent=2, sort_keys=True)
        return (text + "\n").encode("utf-8")
    graphs = named_graphs(graph)
    if fmt == "nq":
        lines: list[str] = []
        for name, part in graphs.items():
            for line in _sorted_lines(part.serialize(format="nt")):
                lines.append(line if name is None else f"{line[:-1].rstrip()} <{name}> .")
        return ("\n".join(sorted(lines)) + "\n").encode("utf-8")
    prefixes: set[str] = set()
    blocks: list[str] = []
    for name, part in graphs.items():
        text = part.serialize(format="turtle")
        body = [line for line in text.splitlines() if not line.startswith("@prefix")]
        prefixes.update(line for line in text.splitlines() if line.startswith("@prefix"))
        inner = "\n".join(("    " + line) if line else "" for line in body).strip("\n")
        blocks.append(f"{'' if name is None else f'<{name}> '}{{\n{inner}\n}}\n")
    return ("\n".join(sorted(prefixes)) + "\n\n" + "\n".join(blocks)).encode("utf-8")


def export(out_dir: Path, fmt: str, file: Path | None = None) -> Path:
    """Write the built graph ``out_dir/kg.ttl`` as ``fmt`` to ``file`` (default
    ``out_dir/kg.<suffix>``) and refresh ``out_dir/void.ttl``'s distributions."""
    if fmt not in FORMATS:
        raise InputError(UNKNOWN_FORMAT.format(fmt=fmt, known=", ".join(FORMATS)))
    graph = load_built_graph(out_dir)
    target = file or out_dir / f"kg{FORMATS[fmt].suffix}"
    _write(target, render(graph, fmt))
    if (out_dir / "void.ttl").is_file() and target.resolve() == (out_dir / f"kg{FORMATS[fmt].suffix}").resolve():
        refresh_void(out_dir, graph, target)
    return target


# ---------------------------------------------------------------- VoID + DCAT


def _file_sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def describe_dataset(graph: Graph, out_dir: Path, *, base: str, title: str, description: str,
                     license: str, publisher: str, sparql_endpoint: str | None = None,
                     issued: str | None = None, files: Iterable[Path] = ()) -> Graph:
    """The VoID + DCAT description of ``graph`` and of the dump files ``files``."""
    void = Graph(bind_namespaces="core")
    for prefix in ("kg", "void", "dcat", "dcterms", "xsd", "rdfs"):
        void.bind(prefix, PREFIXES[prefix], override=True)
    void.bind("foaf", FOAF, override=True)
    void.bind("spdx", SPDX, override=True)
    ds = dataset_iri(base)
    add = void.add
    add((ds, RDF.type, VOID.Dataset))
    add((ds, RDF.type, DCAT.Dataset))
    add((ds, DCTERMS.title, Literal(title, lang="en")))
    add((ds, DCTERMS.description, Literal(description, lang="en")))
    add((ds, DCTERMS.license, URIRef(license)))
    if publisher.startswith(("http://", "https://")):
        add((ds, DCTERMS.publisher, URIRef(publisher)))
    else:
        agent = URIRef(str(ds) + "#publisher")
        add((ds, DCTERMS.publisher, agent))
        add((agent, RDF.type, FOAF.Agent))
        add((agent, FOAF.name, Literal(publisher)))
    if issued:
        add((ds, DCTERMS.issued, Literal(issued, datatype=XSD.date if len(issued) == 10 else XSD.dateTime)))
    add((ds, DCTERMS.conformsTo, URIRef(ONTOLOGY_IRI)))
    add((ds, VOID.uriSpace, Literal(base)))
    if sparql_endpoint:
        add((ds, VOID.sparqlEndpoint, URIRef(sparql_endpoint)))
    reports = sorted(graph.subjects(RDF.type, KG.Report), key=str)
    for report in reports:
        add((ds, DCTERMS.source, report))
    typed = {(s, c) for s, c in graph.subject_objects(RDF.type)}
    classes = sorted({c for _, c in typed}, key=str)
    predicates: dict[str, int] = {}
    for _, p, _ in graph:
        predicates[str(p)] = predicates.get(str(p), 0) + 1
    add((ds, VOID.triples, Literal(len(graph))))
    add((ds, VOID.entities, Literal(len({s for s, _ in typed if isinstance(s, URIRef)}))))
    add((ds, VOID.classes, Literal(len(classes))))
    add((ds, VOID.properties, Literal(len(predicates))))
    add((ds, VOID.distinctSubjects, Literal(len(set(graph.subjects())))))
    add((ds, VOID.distinctObjects, Literal(len(set(graph.objects())))))
    for cls in classes:
        part = URIRef(f"{ds}#class-{_local(cls)}")
        add((ds, VOID.classPartition, part))
        add((part, VOID["class"], cls))
        add((part, VOID.entities, Literal(sum(1 for _, c in typed if c == cls))))
    for prop in sorted(predicates):
        part = URIRef(f"{ds}#property-{_local(URIRef(prop))}")
        add((ds, VOID.propertyPartition, part))
        add((part, VOID.property, URIRef(prop)))
        add((part, VOID.triples, Literal(predicates[prop])))
    vocabularies = {str(ns) for ns in PREFIXES.values()
                    if any(t.startswith(str(ns)) for t in list(predicates) + [str(c) for c in classes])}
    for ns in sorted(vocabularies):
        add((ds, VOID.vocabulary, URIRef(ONTOLOGY_IRI if ns == ONTOLOGY_IRI + "#" else ns)))
    examples = reports[:1] + [next(iter(sorted(graph.subjects(RDF.type, c), key=str)))
                              for c in classes if str(c).startswith(ONTOLOGY_IRI) and c != KG.Report]
    for example in examples:
        add((ds, VOID.exampleResource, example))
    for path in sorted(files, key=lambda p: p.name):
        fmt = next((f for f in FORMATS.values() if path.name == f"kg{f.suffix}"), None)
        if fmt is None or not path.is_file():
            continue
        dist = URIRef(f"{ds}#distribution-{fmt.name}")
        url = URIRef(base + path.name)
        add((ds, DCAT.distribution, dist))
        add((ds, VOID.dataDump, url))
        add((ds, VOID.feature, URIRef("http://www.w3.org/ns/formats/" + fmt.w3c)))
        add((dist, RDF.type, DCAT.Distribution))
        add((dist, DCTERMS.title, Literal(f"{title} ({fmt.w3c})", lang="en")))
        add((dist, DCAT.downloadURL, url))
        add((dist, DCAT.mediaType, URIRef("https://www.iana.org/assignments/media-types/" + fmt.media_type)))
        add((dist, DCAT.byteSize, Literal(path.stat().st_size, datatype=XSD.nonNegativeInteger)))
        checksum = URIRef(f"{dist}-sha256")
        add((dist, SPDX.checksum, checksum))
        add((checksum, RDF.type, SPDX.Checksum))
        add((checksum, SPDX.algorithm, SPDX.checksumAlgorithm_sha256))
        add((checksum, SPDX.checksumValue, Literal(_file_sha256(path), datatype=XSD.hexBinary)))
        add((dist, DCTERMS.license, URIRef(license)))
    return void


def _local(iri: object) -> str:
    """``prefix-localName`` of a vocabulary term, for partition IRIs (``kg-title``, ``rdfs-label``)."""
    text = str(iri)
    for prefix, namespace in sorted(PREFIXES.items()):
        if text.startswith(str(namespace)) and len(text) > len(str(namespace)):
            return f"{prefix}-{text[len(str(namespace)):]}"
    return "term-" + hashlib.sha1(text.encode("utf-8")).hexdigest()[:10]


def default_description(graph: Graph) -> str:
    reports = len(set(graph.subjects(RDF.type, KG.Report)))
    return (f"Entities, relations with their evidence sentences, and indicator figures extracted by kg-build "
            f"from {reports} Chinese government work report(s) (政府工作报告).")


def write_void(result_or_graph: BuildResult | Graph, out_dir: Path, *, config: Config | None = None,
               description: str | None = None, sparql_endpoint: str | None = None, issued: str | None = None,
               files: Iterable[Path] | None = None) -> Path:
    """Write ``out_dir/void.ttl``: the VoID/DCAT description of the graph and of the dump files
    ``files`` (default: every ``kg.*`` dump present in ``out_dir``; a build passes just the
    ``kg.ttl`` it wrote). Deterministic: no timestamp unless ``issued`` is given."""
    graph = result_or_graph.graph if isinstance(result_or_graph, BuildResult) else result_or_graph
    config = config or Config(base=graph_base(graph))
    base = config.base if config.base.endswith(("/", "#")) else config.base + "/"
    present = [out_dir / name for name in DATASET_FILES] if files is None else list(files)
    void = describe_dataset(graph, out_dir, base=base, title=config.title,
                            description=description or default_description(graph), license=config.license,
                            publisher=config.publisher, sparql_endpoint=sparql_endpoint, issued=issued,
                            files=present)
    target = out_dir / "void.ttl"
    _write(target, void.serialize(format="turtle", encoding="utf-8"))
    return target


def refresh_void(out_dir: Path, graph: Graph, added: Path) -> Path:
    """Rewrite ``void.ttl`` after an export wrote ``added``: the distributions it already lists
    plus ``added`` (a dump left over from before the last build is not listed), keeping its title,
    description, license, publisher, endpoint and issue date."""
    old = Graph().parse(out_dir / "void.ttl", format="turtle")
    listed = {str(url).rsplit("/", 1)[-1] for url in old.objects(None, DCAT.downloadURL)}
    files = sorted({out_dir / name for name in listed if name in DATASET_FILES} | {added, out_dir / "kg.ttl"})
    ds = next(iter(old.subjects(RDF.type, VOID.Dataset)), None)
    base = str(old.value(ds, VOID.uriSpace) or graph_base(graph))
    defaults = Config()
    publisher = old.value(ds, DCTERMS.publisher)
    name = old.value(publisher, FOAF.name) if publisher is not None else None
    config = Config(base=base, title=str(old.value(ds, DCTERMS.title) or defaults.title),
                    license=str(old.value(ds, DCTERMS.license) or defaults.license),
                    publisher=str(name or publisher or defaults.publisher))
    endpoint = old.value(ds, VOID.sparqlEndpoint)
    issued = old.value(ds, DCTERMS.issued)
    description = old.value(ds, DCTERMS.description)
    return write_void(graph, out_dir, config=config, description=str(description) if description else None,
                      sparql_endpoint=str(endpoint) if endpoint else None, issued=str(issued) if issued else None,
                      files=files)


# ---------------------------------------------------------------- Graph Store HTTP Protocol


def push(out_dir: Path, endpoint: str, graph_iri: str | None = None, *, timeout: float = 60.0,
         graphs: Mapping[URIRef | None, Graph] | None = None) -> list[tuple[str, int]]:
    """PUT each named graph (or only ``graph_iri``) to a SPARQL 1.1 Graph Store endpoint. A PUT
    replaces the whole graph in one request, so a report's graph is swapped atomically.
    Returns (graph IRI or "default", triples) per graph sent."""
    import urllib.error
    import urllib.parse
    import urllib.request

    graphs = graphs if graphs is not None else named_graphs(load_built_graph(out_dir))
    chosen = dict(graphs)
    if graph_iri is not None:
        key = URIRef(graph_iri)
        if key not in chosen:
            known = ", ".join(f"<{g}>" for g in graphs if g is not None)
            raise InputError(UNKNOWN_GRAPH.format(graph=graph_iri, path=out_dir / "kg.ttl", known=known))
        chosen = {key: graphs[key]}
    sent = []
    for name, part in chosen.items():
        query = "default" if name is None else urllib.parse.urlencode({"graph": str(name)})
        url = endpoint + ("&" if "?" in endpoint else "?") + query
        body = render_ntriples(part)
        request = urllib.request.Request(url, data=body, method="PUT",
                                         headers={"Content-Type": "application/n-triples"})
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:
                response.read()
        except urllib.error.HTTPError as error:
            detail = error.read().decode("utf-8", "replace").strip()[:200]
            raise PublishError(PUSH_FAILED.format(endpoint=endpoint, graph=name, reason=f"HTTP {error.code} {detail}")) from error
        except (urllib.error.URLError, OSError) as error:
            reason = getattr(error, "reason", error)
            raise PublishError(PUSH_FAILED.format(endpoint=endpoint, graph=name, reason=str(reason))) from error
        sent.append(("default" if name is None else str(name), len(part)))
    return sent


def render_ntriples(graph: Graph) -> bytes:
    return ("\n".join(_sorted_lines(graph.serialize(format="nt"))) + "\n").encode("utf-8")


# ---------------------------------------------------------------- static linked-data site


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
