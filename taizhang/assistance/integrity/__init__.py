"""The visit ledger's integrity signals (疑点), declared in the manifest and run by taizhang.integrity.

facts.py reads a unit's month of visits once; each family module (text, timing, entry, place) declares its kinds and
applies its pure rules (assistance/rules/signals*.py) to those facts; detect.py is the manifest's `signal_detect`."""
