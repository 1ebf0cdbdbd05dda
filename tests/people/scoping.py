"""The people module's URL keywords for the scoping walk (tests/scoping_walk.py): records of 新市镇."""

from tests.people import scoping_kpi

FACTORIES: dict = {}
FACTORIES |= scoping_kpi.FACTORIES
