"""Lint rules, one module per rule, grouped by family (document/, template/, item/, links/).

registry.py holds what every rule shares (Rule, Finding, the contexts' base); each family's
`__init__` imports its rule modules, and the registry imports a family the first time rules
of its scope are asked for. A lint served from the cache thus loads only the link and item
rules, never the file rules and the parser they need.
"""
