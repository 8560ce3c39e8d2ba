"""Named SPARQL queries (*.rq files); a package only so that setuptools ships them."""
