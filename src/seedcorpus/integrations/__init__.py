"""Integrations with engines, each in its own module and imported only when asked for.

``seedcorpus.integrations.datatrove`` needs the ``seedcorpus[datatrove]`` extra.
"""
