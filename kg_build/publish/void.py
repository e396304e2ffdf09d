"""The VoID + DCAT description ``void.ttl``: the dataset's statistics, class and property
partitions, vocabularies, example resources and the distributions (dump files with their size
and SHA-256 checksum)."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, RDF, VOID, XSD

from ..build import BuildResult
from ..config import Config
from ..validate import graph_base
from ..vocab import KG, ONTOLOGY_IRI, PREFIXES
from .base import DATASET_FILES, FORMATS, SPDX, _write, dataset_iri


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
