"""The ontology: kg.owl is generated from kg.ttl and up to date, owlready2 loads it in a fresh
World and HermiT reasons over it, and vocab.KG declares exactly kg.ttl's terms."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from rdflib import Graph, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import OWL, RDF

from kg_build.validate import ONTOLOGY_DIR, OWL_STALE, check_ontology, generate_owl, load_ontology
from kg_build.vocab import KG, ONTOLOGY_IRI


def test_ontology_owl_is_generated_from_ttl() -> None:
    committed = (ONTOLOGY_DIR / "kg.owl").read_bytes()
    assert committed == generate_owl(), "ontology/kg.owl is stale: python -m kg_build.validate --write-owl"
    assert isomorphic(Graph().parse(data=committed, format="xml"), load_ontology())


def test_ontology_owl_loads_in_owlready2_and_reasoner_runs() -> None:
    import owlready2

    world = owlready2.World()
    try:
        onto = world.get_ontology((ONTOLOGY_DIR / "kg.owl").resolve().as_uri()).load()
        names = {c.name for c in onto.classes()}
        assert {"Report", "AdministrativeArea", "Organization", "Program", "PolicyDocument", "Place", "Event",
                "Person", "Indicator", "Observation"} <= names
        assert owlready2.SymmetricProperty in onto.partnersWith.is_a
        owlready2.sync_reasoner_hermit(world, infer_property_values=False, debug=0, ignore_unsupported_datatypes=True)
        assert [c for c in world.inconsistent_classes() if c is not owlready2.Nothing] == []
        assert onto.Entity in onto.Place.ancestors()
        # The reasoner really reasons: an individual in two disjoint entity classes is inconsistent.
        with onto:
            thing = onto.Place("both")
            thing.is_a.append(onto.Event)
        with pytest.raises(owlready2.OwlReadyInconsistentOntologyError):
            owlready2.sync_reasoner_hermit(world, infer_property_values=False, debug=0,
                                           ignore_unsupported_datatypes=True)
    finally:
        world.close()


def _copy_ontology(tmp_path: Path, extra: str = "") -> Path:
    directory = tmp_path / "ontology"
    directory.mkdir()
    shutil.copyfile(ONTOLOGY_DIR / "kg.ttl", directory / "kg.ttl")
    with (directory / "kg.ttl").open("a", encoding="utf-8") as handle:
        handle.write(extra)
    generate_owl(directory, write=True)
    return directory


def test_ontology_check_reports_unsatisfiable_class(tmp_path: Path) -> None:
    directory = _copy_ontology(tmp_path, "\nkg:PlaceEvent a owl:Class ; rdfs:subClassOf kg:Place, kg:Event .\n")
    assert check_ontology(directory) == [
        f"{ONTOLOGY_IRI}#PlaceEvent: unsatisfiable class (it can have no instances)."]


def test_ontology_check_passes_on_the_committed_ontology() -> None:
    assert check_ontology() == []


def test_ontology_check_reports_stale_owl(tmp_path: Path) -> None:
    directory = _copy_ontology(tmp_path)
    with (directory / "kg.ttl").open("a", encoding="utf-8") as handle:
        handle.write("\nkg:Extra a owl:Class .\n")
    owl = directory / "kg.owl"
    assert check_ontology(directory) == [OWL_STALE.format(path=owl, source=owl.with_suffix(".ttl"))]


def test_ontology_vocab_terms_equal_declared_terms() -> None:
    ontology = load_ontology()
    declared = {str(s)[len(ONTOLOGY_IRI) + 1:] for s in ontology.subjects(RDF.type, None)
                if isinstance(s, URIRef) and str(s).startswith(ONTOLOGY_IRI + "#")}
    kinds = {OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, KG.Derivation}
    assert all(set(ontology.objects(URIRef(ONTOLOGY_IRI + "#" + t), RDF.type)) & kinds for t in declared)
    vocab = {name for name in KG.__annotations__ if not name.startswith("_")}
    assert vocab == declared, f"only in vocab.py: {sorted(vocab - declared)}; only in kg.ttl: {sorted(declared - vocab)}"


def test_ontology_missing_file_message(tmp_path: Path) -> None:
    from kg_build.errors import OntologyError
    from kg_build.validate import ONTOLOGY_MISSING

    with pytest.raises(OntologyError) as info:
        load_ontology(tmp_path)
    assert str(info.value) == ONTOLOGY_MISSING.format(path=tmp_path / "kg.ttl")


def test_ontology_reasoner_without_java_message(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import owlready2

    from kg_build.errors import OntologyError

    monkeypatch.setattr(owlready2, "JAVA_EXE", str(tmp_path / "no-java"))
    with pytest.raises(OntologyError) as info:
        check_ontology()
    assert str(info.value).startswith("the reasoner (HermiT, Java) could not run: ")
    assert str(info.value).endswith("install a Java runtime (apt-get install default-jre-headless).")
