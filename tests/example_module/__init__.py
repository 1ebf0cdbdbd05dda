"""The smallest complete module, kept in the tests: 民情记录 (a resident's concern noted on a household, with a deadline).

It is installed only in the example run (`--ds tests.settings_example`, see tests/settings_example.py) and proves that
a module plugs into the kernel through its manifest alone. docs/adding-a-module.md walks through it file by file.
"""
