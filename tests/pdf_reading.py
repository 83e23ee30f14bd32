"""Reading the PDFs the project makes (posters, yearbooks) in tests: a page's fonts, whether each is embedded, its
pictures."""


def fonts_of(page):
    return page["/Resources"]["/Font"].values()


def font_file_of(font):
    """The embedded font program's key in the font's descriptor, or None if the font is not embedded."""
    font = font.get_object()
    if font["/Subtype"] == "/Type0":
        font = font["/DescendantFonts"][0].get_object()
    descriptor = font.get("/FontDescriptor")
    descriptor = descriptor.get_object() if descriptor else {}
    return next((key for key in ("/FontFile", "/FontFile2", "/FontFile3") if key in descriptor), None)


def images_of(page):
    xobjects = page["/Resources"].get("/XObject", {})
    return [
        xobject.get_object() for xobject in xobjects.values() if xobject.get_object()["/Subtype"] == "/Image"
    ]
