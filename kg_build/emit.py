"""Doc → rdflib.Graph (pure), IRIs minted from content, and deterministic serialization."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from functools import lru_cache
from collections.abc import Iterable
from decimal import Decimal
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS, SKOS, XSD

from .doc import Doc, Entity, Observation, Relation
from .vocab import DEFAULT_BASE, KG, SEGMENT, EntityClass, data_prefixes


def _digest(*parts: object, n: int = 10) -> str:
    return hashlib.sha1("\x1f".join(str(p) for p in parts).encode("utf-8")).hexdigest()[:n]


@lru_cache(maxsize=1)
def _readings() -> dict[int, str]:
    import importlib.metadata

    from .cache import cached

    return cached("pinyin", ("v1", importlib.metadata.version("pypinyin")), _load_readings)  # type: ignore[no-any-return]


def _load_readings() -> dict[int, str]:
    """pypinyin's table of character readings. Only that data module is loaded: importing the
    package would also load its phrase dictionary, which IRIs do not need."""
    import importlib.util

    spec = importlib.util.find_spec("pypinyin")
    if spec is None or not spec.submodule_search_locations:
        raise ImportError("pypinyin is not installed")
    path = Path(list(spec.submodule_search_locations)[0]) / "pinyin_dict.py"
    module_spec = importlib.util.spec_from_file_location("_kg_build_pinyin_dict", path)
    assert module_spec is not None and module_spec.loader is not None
    module = importlib.util.module_from_spec(module_spec)
    module_spec.loader.exec_module(module)
    return module.pinyin_dict  # type: ignore[no-any-return]


def _toneless(reading: str) -> str:
    return unicodedata.normalize("NFKD", reading.split(",")[0]).encode("ascii", "ignore").decode("ascii")


def slug(name: str, limit: int = 48) -> str:
    """ASCII slug of a Chinese name: the first pinyin reading of each character, hyphenated."""
    table = _readings()
    words = [_toneless(table[ord(ch)]) if ord(ch) in table else ch for ch in name]
    text = "-".join(w for w in words if w)
    text = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    return text[:limit].strip("-") or "x"


class Minter:
    """IRIs derived from content: the same entity gets the same IRI in every report and build."""

    def __init__(self, base: str = DEFAULT_BASE) -> None:
        self.base = base if base.endswith(("/", "#")) else base + "/"

    def entity(self, entity: Entity) -> URIRef:
        return self.key(entity.key, entity.label, entity.name)

    def key(self, key: str, label: EntityClass, name: str) -> URIRef:
        if key.startswith("area:"):
            code = key[len("area:") :]
            if "/" in code:  # township or foreign city: parent's id plus a slug
                parent, child = code.split("/", 1)
                return URIRef(f"{self.base}area/{self._area_id(parent)}-{slug(child)}")
            return URIRef(f"{self.base}area/{self._area_id(code)}")
        return URIRef(f"{self.base}{SEGMENT[label]}/{slug(name)}-{_digest(label.value, name, n=8)}")

    @staticmethod
    def _area_id(code: str) -> str:
        if code.startswith("ISO:"):
            return "iso-" + code[4:].lower()
        if code.startswith("WORLD:"):
            return "w-" + slug(code[6:])
        return code

    def report(self, doc: Doc) -> URIRef:
        issuer = self._area_id(doc.meta.issuer_code) if doc.meta.issuer_code else slug(doc.doc_id)
        return URIRef(f"{self.base}report/{doc.meta.year or 'undated'}-{issuer}-{doc.meta.sha256[:8]}")

    def indicator(self, name: str) -> URIRef:
        return URIRef(f"{self.base}indicator/{slug(name)}-{_digest(name, n=6)}")

    def observation(self, doc: Doc, obs: Observation) -> URIRef:
        return URIRef(f"{self.base}observation/{_digest(doc.meta.sha256, obs.indicator, obs.area, obs.period, obs.value, obs.unit, obs.start)}")

    def evidence(self, doc: Doc | None, rel: Relation) -> URIRef:
        if rel.derived:
            return URIRef(f"{self.base}evidence/gazetteer-{_digest(rel.kind, rel.subject, rel.object)}")
        assert doc is not None
        return URIRef(f"{self.base}evidence/{_digest(doc.meta.sha256, rel.kind, rel.subject, rel.object, rel.start)}")


def new_graph(base: str) -> Graph:
    graph = Graph(bind_namespaces="core")
    for prefix, namespace in data_prefixes(base).items():
        graph.bind(prefix, namespace, override=True)
    return graph


def emit(doc: Doc, *, minter: Minter, gazetteer_source: str = "", graph: Graph | None = None) -> Graph:
    """Add one document's facts to ``graph`` (a new one by default) and return it."""
    g = graph if graph is not None else new_graph(minter.base)
    report = minter.report(doc)
    meta = doc.meta
    g.add((report, RDF.type, KG.Report))
    g.add((report, RDFS.label, Literal(meta.title or doc.doc_id, lang="zh")))
    g.add((report, KG.title, Literal(meta.title or doc.doc_id, lang="zh")))
    if meta.year:
        g.add((report, KG.year, Literal(str(meta.year), datatype=XSD.gYear)))
    if meta.date:
        g.add((report, KG.date, Literal(meta.date, datatype=XSD.date)))
    g.add((report, KG.sourceFile, Literal(Path(meta.source).name)))
    g.add((report, KG.sourceFormat, Literal(meta.format)))
    g.add((report, KG.encoding, Literal(meta.encoding)))
    g.add((report, KG.checksum, Literal("sha256:" + meta.sha256)))
    g.add((report, KG.characters, Literal(len(doc.text))))
    if meta.office:
        g.add((report, KG.office, Literal(meta.office, lang="zh")))

    iris = {e.key: minter.entity(e) for e in doc.entities}
    for entity in doc.entities:
        node = iris[entity.key]
        g.add((node, RDF.type, entity.label.iri))
        g.add((node, RDFS.label, Literal(entity.name, lang="zh")))
        for alias in entity.aliases:
            g.add((node, SKOS.altLabel, Literal(alias, lang="zh")))
        if entity.code:
            g.add((node, KG.code, Literal(entity.code)))
        if entity.level:
            g.add((node, KG.level, Literal(entity.level)))
        if entity.definition:
            g.add((node, SKOS.definition, Literal(entity.definition, lang="zh")))
        if entity.mentions or entity.key == f"area:{meta.issuer_code}":
            g.add((report, KG.mentions, node))
    if meta.issuer_code:
        g.add((report, KG.issuer, iris[f"area:{meta.issuer_code}"]))
    speaker = next((e for e in doc.entities if e.label == EntityClass.PERSON and e.name == meta.speaker), None)
    if speaker is not None:
        g.add((report, KG.speaker, iris[speaker.key]))

    for rel in doc.relations:
        s, o = iris[rel.subject], iris[rel.object]
        g.add((s, rel.kind.iri, o))
        ev = minter.evidence(doc, rel)
        g.add((ev, RDF.type, KG.Evidence))
        g.add((ev, RDF.subject, s))
        g.add((ev, RDF.predicate, rel.kind.iri))
        g.add((ev, RDF.object, o))
        if rel.derived:
            g.add((ev, KG.derivation, KG.GazetteerDerivation))
            g.add((ev, RDFS.comment, Literal(f"行政区划隶属关系（GB/T 2260）：{_name(doc, rel.subject)} 属于 {_name(doc, rel.object)}", lang="zh")))
            if gazetteer_source:
                g.add((ev, DCTERMS.source, Literal(gazetteer_source)))
            continue
        g.add((ev, KG.derivation, KG.NameDerivation if rel.by_name else KG.TextExtraction))
        g.add((ev, PROV.wasDerivedFrom, report))
        _sentence(g, ev, doc, rel.sentence, rel.start, rel.end)
        g.add((ev, KG.planned, Literal(rel.planned)))
        if rel.cue:
            g.add((ev, KG.cue, Literal(rel.cue, lang="zh")))

    for obs in doc.observations:
        node = minter.observation(doc, obs)
        indicator = minter.indicator(obs.indicator)
        g.add((indicator, RDF.type, KG.Indicator))
        g.add((indicator, RDFS.label, Literal(obs.indicator, lang="zh")))
        g.add((node, RDF.type, KG.Observation))
        g.add((node, KG.indicator, indicator))
        g.add((node, KG.area, iris[obs.area]))
        g.add((node, KG.period, Literal(str(obs.period), datatype=XSD.gYear)))
        g.add((node, KG.value, Literal(Decimal(obs.value))))
        g.add((node, KG.unit, Literal(obs.unit)))
        if obs.normalized:
            g.add((node, KG.normalizedValue, Literal(Decimal(obs.normalized))))
            g.add((node, KG.baseUnit, Literal(obs.base_unit)))
        if obs.change:
            prop = KG.changePercent if obs.change_unit == "%" else KG.changePoints
            g.add((node, prop, Literal(Decimal(obs.change))))
        g.add((node, KG.isTarget, Literal(obs.is_target)))
        g.add((node, PROV.wasDerivedFrom, report))
        _sentence(g, node, doc, obs.sentence, obs.start, obs.end)
    return g


def _name(doc: Doc, key: str) -> str:
    return doc.entity(key).name


def _sentence(g: Graph, node: URIRef, doc: Doc, index: int, start: int, end: int) -> None:
    sentence = doc.sentences[index]
    g.add((node, KG.sentence, Literal(sentence.text, lang="zh")))
    g.add((node, KG.sentenceStart, Literal(sentence.start)))
    g.add((node, KG.sentenceEnd, Literal(sentence.end)))
    g.add((node, KG.evidenceStart, Literal(start)))
    g.add((node, KG.evidenceEnd, Literal(end)))


def merge_labels(graph: Graph) -> None:
    """Several reports may name one entity differently: keep one rdfs:label per entity (the
    longest, then the smallest), and demote the others to skos:altLabel."""
    subjects = sorted({s for s, _ in graph.subject_objects(RDFS.label)}, key=str)
    for s in subjects:
        labels = sorted(graph.objects(s, RDFS.label), key=lambda lit: (-len(str(lit)), str(lit)))
        for extra in labels[1:]:
            graph.remove((s, RDFS.label, extra))
            graph.add((s, SKOS.altLabel, extra))
        if labels:
            graph.remove((s, SKOS.altLabel, labels[0]))


def serialize(graph: Graph, fmt: str = "turtle") -> bytes:
    data = graph.serialize(format=fmt, encoding="utf-8")
    return data if isinstance(data, bytes) else data.encode("utf-8")


def all_triples(graphs: Iterable[Graph]) -> int:
    return sum(len(g) for g in graphs)
