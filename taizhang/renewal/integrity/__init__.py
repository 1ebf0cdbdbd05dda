"""The renewal ledger's integrity signals (疑点), declared in the manifest and run by taizhang.integrity.

facts.py reads what a unit's period holds (measurements, determinations, agreements with their audit trail); each
family module (measurement, people, agreement) declares its kinds in kinds.py and applies its pure rules
(renewal/rules/signals_*.py) to those facts; detect.py is the manifest's `signal_detect`."""
