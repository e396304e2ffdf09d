"""Check a built graph before it leaves: SHACL shapes (pyshacl) and the ontology's consistency
(owlready2 with the HermiT reasoner, in a fresh ``World``), plus the generated ``ontology/kg.owl``.

``validate_graph(graph)`` returns a ``ValidationReport`` whose ``text()`` names each offending node
and the rule it breaks; the CLI exits 1 when ``report.conforms`` is false.
"""

from __future__ import annotations

import html
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SH
from rdflib.term import Node

from . import errors
from .errors import InputError, OntologyError

ONTOLOGY_DIR = Path(__file__).resolve().parent.parent / "ontology"

ONTOLOGY_MISSING = "{path}: the ontology file is missing; run kg-build from a checkout that has ontology/."
OWL_STALE = "{path} is out of date with {source}; regenerate it with `python -m kg_build.validate --write-owl`."
REASONER_FAILED = "the reasoner (HermiT, Java) could not run: {error}; install a Java runtime (apt-get install default-jre-headless)."


def ontology_file(name: str, directory: Path | None = None) -> Path:
    path = (directory or ONTOLOGY_DIR) / name
    if not path.is_file():
        raise OntologyError(ONTOLOGY_MISSING.format(path=path))
    return path


def load_ontology(directory: Path | None = None) -> Graph:
    """The ontology ``ontology/kg.ttl`` as an rdflib graph."""
    graph = Graph()
    graph.parse(ontology_file("kg.ttl", directory), format="turtle")
    return graph


def load_shapes(directory: Path | None = None) -> Graph:
    graph = Graph()
    graph.parse(ontology_file("shapes.ttl", directory), format="turtle")
    return graph


def range_shapes(ontology: Graph) -> Graph:
    """SHACL shapes derived from the ontology, so shapes.ttl never contradicts kg.ttl: the
    ``rdfs:range`` of each relation kind (a class or an ``owl:unionOf`` of classes) and the
    ``rdfs:domain`` class of every property."""
    from rdflib import Namespace
    from rdflib.collection import Collection
    from rdflib.namespace import OWL

    from .vocab import KG

    ks = Namespace("https://w3id.org/kg-build/shapes#")
    shapes = Graph()
    for prop in sorted(ontology.transitive_subjects(RDFS.subPropertyOf, KG.relation), key=str):
        if prop == KG.relation:
            continue
        for range_ in ontology.objects(prop, RDFS.range):
            union = ontology.value(range_, OWL.unionOf)
            classes = list(Collection(ontology, union)) if union is not None else [range_]
            local = str(prop).rsplit("#", 1)[-1]
            shape = ks[f"Range-{local}"]
            names = " or ".join("kg:" + str(c).rsplit("#", 1)[-1] for c in classes)
            shapes.add((shape, RDF.type, SH.NodeShape))
            shapes.add((shape, SH.targetObjectsOf, URIRef(str(prop))))
            shapes.add((shape, SH.message, Literal(f"what an entity kg:{local} is a {names} (rdfs:range in kg.ttl)")))
            if len(classes) == 1:
                shapes.add((shape, SH["class"], classes[0]))
                continue
            alternatives: list[Node] = []
            for cls in classes:
                alt = BNode()
                shapes.add((alt, SH["class"], cls))
                alternatives.append(alt)
            head = BNode()
            Collection(shapes, head, alternatives)
            shapes.add((shape, SH["or"], head))
    for prop, domain in sorted(ontology.subject_objects(RDFS.domain), key=str):
        if prop == KG.relation or not isinstance(domain, URIRef):
            continue  # kg:relation's domain, kg:Entity, is ks:RelationEndsShape's
        local, class_name = str(prop).rsplit("#", 1)[-1], str(domain).rsplit("#", 1)[-1]
        shape = ks[f"Domain-{local}"]
        shapes.add((shape, RDF.type, SH.NodeShape))
        shapes.add((shape, SH.targetSubjectsOf, URIRef(str(prop))))
        shapes.add((shape, SH["class"], domain))
        shapes.add((shape, SH.message, Literal(f"only a kg:{class_name} has kg:{local} (rdfs:domain in kg.ttl)")))
    return shapes


def graph_base(graph: Graph) -> str:
    """The base IRI the graph was built with (from its ``report:`` prefix), or the default."""
    from .vocab import DEFAULT_BASE

    for prefix, namespace in graph.namespaces():
        if prefix == "report" and str(namespace).endswith("/report/"):
            return str(namespace)[: -len("report/")]
    return DEFAULT_BASE


def load_built_graph(out: Path) -> Graph:
    """``DIR/kg.ttl`` of a build, or an InputError that says how to make it."""
    path = out / "kg.ttl"
    if not path.is_file():
        raise InputError(errors.NO_GRAPH.format(path=path, out=out))
    graph = Graph(bind_namespaces="core")
    graph.parse(path, format="turtle")
    return graph


# ---------------------------------------------------------------- kg.owl (RDF/XML)


def _qname(predicate: URIRef, namespaces: dict[str, str]) -> tuple[str, str, str]:
    """Split a predicate IRI into (prefix, namespace, local name) for an XML element name."""
    text = str(predicate)
    cut = max(text.rfind("#"), text.rfind("/")) + 1
    namespace, local = text[:cut], text[cut:]
    if not local or not (local[0].isalpha() or local[0] == "_"):
        raise OntologyError(f"{predicate}: cannot be written as an RDF/XML element name")
    prefix = namespaces.get(namespace) or f"ns{len(namespaces) + 1}"
    namespaces.setdefault(namespace, prefix)
    return prefix, namespace, local


def rdfxml(graph: Graph) -> bytes:
    """Deterministic RDF/XML: one ``rdf:Description`` per subject, sorted; blank nodes get
    canonical ids (rdflib's serializers iterate sets, so their output changes between runs)."""
    from rdflib.compare import to_canonical_graph

    canonical = to_canonical_graph(graph)
    used = {str(p) for p in canonical.predicates()}
    namespaces = {str(ns): prefix for prefix, ns in sorted(graph.namespaces())
                  if prefix and any(p.startswith(str(ns)) for p in used)}
    namespaces[str(RDF)] = "rdf"
    body: list[str] = []

    def node_attr(node: object) -> str:
        if isinstance(node, BNode):
            return f'rdf:nodeID="b{html.escape(str(node)[:16], quote=True)}"'
        return f'rdf:about="{html.escape(str(node), quote=True)}"'

    for subject in sorted(set(canonical.subjects()), key=lambda n: (isinstance(n, BNode), str(n))):
        body.append(f"  <rdf:Description {node_attr(subject)}>")
        for predicate, obj in sorted(canonical.predicate_objects(subject), key=lambda po: (str(po[0]), po[1].n3())):
            prefix, _, local = _qname(URIRef(str(predicate)), namespaces)
            name = f"{prefix}:{local}"
            if isinstance(obj, Literal):
                attrs = ""
                if obj.language:
                    attrs = f' xml:lang="{obj.language}"'
                elif obj.datatype:
                    attrs = f' rdf:datatype="{html.escape(str(obj.datatype), quote=True)}"'
                body.append(f"    <{name}{attrs}>{html.escape(str(obj), quote=False)}</{name}>")
            elif isinstance(obj, BNode):
                body.append(f"    <{name} {node_attr(obj)}/>")
            else:
                body.append(f'    <{name} rdf:resource="{html.escape(str(obj), quote=True)}"/>')
        body.append("  </rdf:Description>")
    head = ['<?xml version="1.0" encoding="utf-8"?>', "<rdf:RDF"]
    head += [f'  xmlns:{prefix}="{html.escape(ns, quote=True)}"' for ns, prefix in sorted(namespaces.items(), key=lambda kv: kv[1])]
    head[-1] += ">"
    return ("\n".join(head + body + ["</rdf:RDF>", ""])).encode("utf-8")


def generate_owl(directory: Path | None = None, *, write: bool = False) -> bytes:
    """``ontology/kg.owl`` (RDF/XML, for owlready2) generated from ``ontology/kg.ttl``."""
    data = rdfxml(load_ontology(directory))
    if write:
        target = (directory or ONTOLOGY_DIR) / "kg.owl"
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".kg.owl.", suffix=".tmp")
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.chmod(tmp, 0o644)
        os.replace(tmp, target)
    return data


def check_ontology(directory: Path | None = None) -> list[str]:
    """Load ``kg.owl`` with owlready2 in a fresh World and run HermiT. Returns the problems found:
    a stale kg.owl, an inconsistent ontology, or unsatisfiable classes (empty list: consistent).

    HermiT knows only the OWL 2 datatype map, which lacks ``xsd:gYear`` (the range of ``kg:year``
    and ``kg:period``), so it runs with ``--ignoreUnsupportedDatatypes``.
    """
    import owlready2

    owl_path = ontology_file("kg.owl", directory)
    if owl_path.read_bytes() != generate_owl(directory):
        return [OWL_STALE.format(path=owl_path, source=owl_path.with_suffix(".ttl"))]
    world = owlready2.World()
    try:
        world.get_ontology(owl_path.resolve().as_uri()).load()
        owlready2.sync_reasoner_hermit(world, infer_property_values=False, debug=0, ignore_unsupported_datatypes=True)
    except owlready2.OwlReadyInconsistentOntologyError:
        return [f"{owl_path}: the ontology is inconsistent (HermiT)."]
    except (owlready2.OwlReadyJavaError, OSError) as error:
        raise OntologyError(REASONER_FAILED.format(error=str(error).strip().splitlines()[-1])) from error
    try:
        unsatisfiable = sorted(str(c.iri) for c in world.inconsistent_classes() if c is not owlready2.Nothing)
    finally:
        world.close()
    return [f"{iri}: unsatisfiable class (it can have no instances)." for iri in unsatisfiable]


# ---------------------------------------------------------------- SHACL


@dataclass(frozen=True, slots=True)
class Violation:
    focus: str
    label: str
    path: str
    message: str
    shape: str
    value: str = ""
    severity: str = "Violation"

    def text(self) -> str:
        node = f"{self.focus} «{self.label}»" if self.label else self.focus
        where = f" {self.path}:" if self.path else ""
        value = f" [value: {self.value}]" if self.value else ""
        return f"{self.severity}: {node}:{where} {self.message}{value} (rule {self.shape})"


@dataclass(frozen=True, slots=True)
class ValidationReport:
    triples: int
    violations: tuple[Violation, ...] = ()
    ontology_problems: tuple[str, ...] = ()
    source: str = ""
    checked_ontology: bool = True
    notes: tuple[str, ...] = field(default=())

    @property
    def conforms(self) -> bool:
        return not self.violations and not self.ontology_problems

    def text(self) -> str:
        lines = [f"{self.source or 'graph'}: {self.triples} triples, "
                 f"{len(self.violations)} SHACL violation(s) against ontology/shapes.ttl"]
        lines += ["  " + v.text() for v in self.violations]
        if self.checked_ontology:
            if self.ontology_problems:
                lines.append(f"ontology: {len(self.ontology_problems)} problem(s)")
                lines += ["  " + p for p in self.ontology_problems]
            else:
                lines.append("ontology: kg.owl is up to date and consistent (owlready2 + HermiT), no unsatisfiable class")
        lines.append("conforms" if self.conforms else "does NOT conform")
        return "\n".join(lines)


def _short(node: object, graph: Graph) -> str:
    if node is None:
        return ""
    if isinstance(node, Literal):
        return node.n3()
    if isinstance(node, BNode):
        return "[]"
    try:
        return graph.namespace_manager.normalizeUri(URIRef(str(node)))
    except Exception:  # noqa: BLE001 - any IRI rdflib cannot shorten is printed whole
        return f"<{node}>"


def _path_text(path: object, results: Graph, names: Graph) -> str:
    if path is None:
        return ""
    if isinstance(path, BNode):  # a complex path: show its first IRI
        inner = next((o for o in results.objects(path, None) if isinstance(o, URIRef)), None)
        return _short(inner, names) + "…" if inner is not None else "(path)"
    return _short(path, names)


def validate_graph(graph: Graph, *, ontology_dir: Path | None = None, check_owl: bool = True,
                   source: str = "") -> ValidationReport:
    """Validate ``graph`` against ``ontology/shapes.ttl`` (with the ontology's class hierarchy)
    and, when ``check_owl``, the ontology itself with owlready2."""
    import pyshacl

    ontology = load_ontology(ontology_dir)
    shapes = load_shapes(ontology_dir) + range_shapes(ontology)
    _, results, _ = pyshacl.validate(graph, shacl_graph=shapes, ont_graph=ontology, inference="none",
                                     advanced=False, allow_warnings=True, abort_on_first=False)
    assert isinstance(results, Graph)
    from .vocab import data_prefixes

    names = Graph(bind_namespaces="core")
    for prefix, ns in list(data_prefixes(graph_base(graph)).items()) + list(shapes.namespaces()):
        names.bind(prefix, ns, override=True)
    violations = []
    for result in results.subjects(RDF.type, SH.ValidationResult):
        focus = results.value(result, SH.focusNode)
        shape = results.value(result, SH.sourceShape)
        constraint = results.value(result, SH.sourceConstraint)
        if isinstance(constraint, URIRef):  # a named SPARQL constraint is the more precise rule
            shape = constraint
        shape_name = _short(shape, names) if isinstance(shape, URIRef) else (
            _short(next(iter(shapes.subjects(SH.property, shape)), shape), names) if shape is not None else "")
        message = results.value(result, SH.resultMessage)
        component = results.value(result, SH.sourceConstraintComponent)
        severity = results.value(result, SH.resultSeverity)
        value = results.value(result, SH.value)
        if (focus, RDF.type, URIRef("http://www.w3.org/2002/07/owl#Class")) in ontology and isinstance(value, URIRef):
            focus, value = value, None  # a whole-graph check (ks:EvidenceQueries): the value is the culprit
        if value == focus:
            value = None
        label = graph.value(focus, RDFS.label) if focus is not None else None
        violations.append(Violation(
            focus=_short(focus, names),
            label=str(label) if label is not None else "",
            path=_path_text(results.value(result, SH.resultPath), results, names),
            message=str(message) if message else _short(component, names),
            shape=shape_name,
            value=_short(value, names),
            severity=str(severity).rsplit("#", 1)[-1] if severity else "Violation",
        ))
    violations.sort(key=lambda v: (v.focus, v.path, v.shape, v.message, v.value))
    problems = check_ontology(ontology_dir) if check_owl else []
    return ValidationReport(triples=len(graph), violations=tuple(violations), ontology_problems=tuple(problems),
                            source=source, checked_ontology=check_owl)


def validate_dir(out: Path, *, ontology_dir: Path | None = None, check_owl: bool = True) -> ValidationReport:
    """Validate the built graph ``DIR/kg.ttl``."""
    return validate_graph(load_built_graph(out), ontology_dir=ontology_dir, check_owl=check_owl,
                          source=str(out / "kg.ttl"))


def _main() -> None:  # python -m kg_build.validate --write-owl
    import sys

    if "--write-owl" in sys.argv[1:]:
        generate_owl(write=True)
        print(f"wrote {ONTOLOGY_DIR / 'kg.owl'}")


if __name__ == "__main__":
    _main()
