"""A profile as search engines read it (newsroom.structured_data): a Person for an individual, an Organization for a
collective or a household, from what the profile's page shows and nothing else. The nominations behind a
profile (contacts, identity numbers, home addresses) are never read here."""

from newsroom.structured_data import image_urls

from .models import ExemplarPage

SCHEMA_TYPES = {
    ExemplarPage.SubjectKind.INDIVIDUAL: "Person",
    ExemplarPage.SubjectKind.COLLECTIVE: "Organization",
    ExemplarPage.SubjectKind.HOUSEHOLD: "Organization",
}
PROVINCE = "Đắk Lắk"
COUNTRY = "VN"


def profile_structured_data(preview, request, context):
    profile = preview.page
    if not isinstance(profile, ExemplarPage):
        return []
    return [exemplar(profile, preview, request)]


def exemplar(profile, preview, request):
    data = {
        "@type": SCHEMA_TYPES[profile.subject_kind],
        "name": profile.title,
        "url": preview.url,
        "mainEntityOfPage": preview.url,
    }
    if profile.summary:
        data["description"] = preview.description
    if profile.lead_image_id:
        data["image"] = image_urls(profile.lead_image, request)
    awards = [award.title for award in profile.awards.all()]
    if awards:
        data["award"] = awards
    unit = profile.unit
    if data["@type"] == "Person":
        if profile.position:
            data["jobTitle"] = profile.position
        if unit is not None:
            data["worksFor"] = {"@type": "Organization", "name": unit.name, **place_of(unit)}
    elif unit is not None:
        data.update(place_of(unit))
    return data


def place_of(unit):
    """The unit's commune or ward, as the profile's page shows it: a unit's seat is public, a person's home is not."""
    if unit.locality is None:
        return {}
    address = {
        "@type": "PostalAddress",
        "addressLocality": unit.locality.name,
        "addressRegion": PROVINCE,
        "addressCountry": COUNTRY,
    }
    return {"address": address}
