"""The people module's URL keywords for the scoping walk (tests/scoping_walk.py): records of 新市镇."""

FACTORIES: dict = {}
