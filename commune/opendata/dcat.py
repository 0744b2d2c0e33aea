"""The DCAT-AP 3 catalogue of the build (JSON-LD and Turtle), for the national portal to harvest.

Every dataset has the properties DCAT-AP 3 makes mandatory (title, description) and the
recommended ones a harvester uses (publisher, distributions, licence, modified, theme,
keywords); every distribution its access and download URLs, format, media type, licence and
size. Extra distributions point at the live Popolo, iCalendar and Pabulib views.
"""

from __future__ import annotations

from typing import Any

from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, RDF, XSD

ADMS = Namespace("http://www.w3.org/ns/adms#")
THEME_GOVERNMENT = URIRef("http://publications.europa.eu/resource/authority/data-theme/GOVE")
FILE_TYPES = "http://publications.europa.eu/resource/authority/file-type/"
IANA = "https://www.iana.org/assignments/media-types/"
LICENCE_URI = URIRef("https://www.etalab.gouv.fr/licence-ouverte-open-licence/")
FILE_TYPE_OF = {
    "csv": "CSV",
    "json": "JSON",
    "parquet": "PARQUET",
    "zip": "ZIP",
    "ics": "ICS",
    "pb": "TXT",
}


def catalogue_graph(
    *,
    catalogue_uri: str,
    title: str,
    description: str,
    publisher_name: str,
    homepage: str,
    language: str,
    modified: str,
    datasets: list[dict[str, Any]],
) -> Graph:
    """The catalogue as an RDF graph.

    `datasets`: dicts with uri, identifier, title, description, keywords, modified (ISO
    datetime) and distributions (dicts with url, access_url, title, format, media_type and
    bytes or None).
    """
    graph = Graph()
    graph.bind("dcat", DCAT)
    graph.bind("dct", DCTERMS)
    graph.bind("foaf", FOAF)
    catalogue = URIRef(catalogue_uri)
    publisher = URIRef(homepage + "#publisher")
    graph.add((publisher, RDF.type, FOAF.Agent))
    graph.add((publisher, FOAF.name, Literal(publisher_name)))
    graph.add((LICENCE_URI, RDF.type, DCTERMS.LicenseDocument))
    graph.add((catalogue, RDF.type, DCAT.Catalog))
    graph.add((catalogue, DCTERMS.title, Literal(title, lang=language)))
    graph.add((catalogue, DCTERMS.description, Literal(description, lang=language)))
    graph.add((catalogue, DCTERMS.publisher, publisher))
    graph.add((catalogue, FOAF.homepage, URIRef(homepage)))
    graph.add((catalogue, DCTERMS.license, LICENCE_URI))
    graph.add((catalogue, DCTERMS.modified, Literal(modified, datatype=XSD.dateTime)))
    graph.add(
        (
            catalogue,
            DCTERMS.language,
            URIRef("http://publications.europa.eu/resource/authority/language/FRA"),
        )
    )
    for entry in datasets:
        dataset = URIRef(entry["uri"])
        graph.add((catalogue, DCAT.dataset, dataset))
        graph.add((dataset, RDF.type, DCAT.Dataset))
        graph.add((dataset, DCTERMS.title, Literal(entry["title"], lang=language)))
        graph.add((dataset, DCTERMS.description, Literal(entry["description"], lang=language)))
        graph.add((dataset, DCTERMS.identifier, Literal(entry["identifier"])))
        graph.add((dataset, DCTERMS.publisher, publisher))
        graph.add((dataset, DCTERMS.license, LICENCE_URI))
        graph.add((dataset, DCTERMS.modified, Literal(entry["modified"], datatype=XSD.dateTime)))
        graph.add((dataset, DCAT.theme, THEME_GOVERNMENT))
        graph.add((dataset, DCAT.landingPage, URIRef(homepage)))
        for keyword in entry["keywords"]:
            graph.add((dataset, DCAT.keyword, Literal(keyword, lang="fr")))
        for item in entry["distributions"]:
            distribution = BNode()
            graph.add((dataset, DCAT.distribution, distribution))
            graph.add((distribution, RDF.type, DCAT.Distribution))
            graph.add((distribution, DCTERMS.title, Literal(item["title"], lang=language)))
            graph.add((distribution, DCAT.accessURL, URIRef(item["access_url"])))
            graph.add((distribution, DCAT.downloadURL, URIRef(item["url"])))
            graph.add(
                (distribution, DCTERMS.format, URIRef(FILE_TYPES + FILE_TYPE_OF[item["format"]]))
            )
            graph.add((distribution, DCAT.mediaType, URIRef(IANA + item["media_type"])))
            graph.add((distribution, DCTERMS.license, LICENCE_URI))
            if item.get("bytes") is not None:
                graph.add(
                    (
                        distribution,
                        DCAT.byteSize,
                        Literal(item["bytes"], datatype=XSD.nonNegativeInteger),
                    )
                )
            if item.get("conforms_to"):
                graph.add((distribution, DCTERMS.conformsTo, URIRef(item["conforms_to"])))
    return graph
