"""URL keywords of the violations area for the scoping walk, each filled with a record of 新市镇's project."""

FACTORIES = {}
