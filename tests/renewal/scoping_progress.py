"""URL keywords of the progress area for the scoping walk, each filled with a record of 新市镇's project.

The progress and brief pages and API routes take only <project_id>, whose factory is the module's own
(tests/renewal/scoping.py): this area adds no keyword."""

FACTORIES = {}
